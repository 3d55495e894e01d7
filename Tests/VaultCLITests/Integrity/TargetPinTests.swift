import Foundation
import Testing
import TestSupport

/// Issue 14, finding 6: `connector add` pins the target file (resolved path, device and
/// inode, owner, mode); a push to a path that became a symlink, another file, or a file
/// others may read is refused with 65 and one line, and the password lands nowhere.
@Suite("File targets are pinned at connector add")
struct TargetPinTests {
    static let password = "Pin-Pw-1"

    /// A vault with `password` for f.example and connector `app` on a 0600 keyvalue file.
    private func pinnedBench(mode: Int = 0o600) throws -> (ConnectorBench, String) {
        let bench = try ConnectorBench()
        try bench.vault.set("f.example", password: TargetPinTests.password)
        let target = try bench.file("app.properties", "password=old\n", mode: mode)
        try bench.addConnector(["app", "--forest", "f.example", "--file", target, "--format", "keyvalue",
                                "--password-key", "password"])
        return (bench, target)
    }

    private func expectRefused(_ bench: ConnectorBench, naming: String) throws {
        let push = try bench.run(["push", "f.example"])
        #expect(push.status == 65, "\(push)")
        #expect(push.stderrLines.count == 1, "\(push.stderr)")
        #expect(push.stderr.contains(naming), "\(push.stderr)")
        #expect(!push.stdout.contains(TargetPinTests.password))
    }

    @Test("A symlink swapped in after connector add is refused; its world-readable target stays untouched")
    func swappedSymlink() throws {
        let (bench, target) = try pinnedBench()
        let elsewhere = try bench.file("elsewhere.properties", "password=bait\n", mode: 0o644)
        try FileManager.default.removeItem(atPath: target)
        try FileManager.default.createSymbolicLink(atPath: target, withDestinationPath: elsewhere)
        try expectRefused(bench, naming: "is now a symbolic link")
        #expect(bench.read("elsewhere.properties") == "password=bait\n")
        #expect(FileMode.of(elsewhere) == 0o644)
    }

    @Test("Another file at the path (same owner and mode) is refused as replaced")
    func replacedFile() throws {
        let (bench, target) = try pinnedBench()
        // Renamed over (not removed first), so the file system cannot hand the old inode back.
        try bench.file("other.tmp", "password=other\n", mode: 0o600)
        #expect(rename(bench.path("other.tmp"), target) == 0)
        try expectRefused(bench, naming: "replaced by another file")
        #expect(bench.read("app.properties") == "password=other\n")
    }

    @Test("A target opened up to group or others is refused")
    func widenedMode() throws {
        let (bench, target) = try pinnedBench()
        try FileMode.set(target, 0o644)
        try expectRefused(bench, naming: "mode widened from 0600 to 0644")
        #expect(bench.read("app.properties") == "password=old\n")
    }

    @Test("A folder on the way relinked elsewhere is refused")
    func relinkedFolder() throws {
        let bench = try ConnectorBench()
        try bench.vault.set("f.example", password: TargetPinTests.password)
        for folder in ["one", "two"] {
            try FileManager.default.createDirectory(atPath: bench.path(folder), withIntermediateDirectories: true)
            try bench.file("\(folder)/app.properties", "password=old\n", mode: 0o600)
        }
        try FileManager.default.createSymbolicLink(atPath: bench.path("current"), withDestinationPath: bench.path("one"))
        try bench.addConnector(["app", "--forest", "f.example", "--file", bench.path("current/app.properties"),
                                "--format", "keyvalue", "--password-key", "password"])
        try FileManager.default.removeItem(atPath: bench.path("current"))
        try FileManager.default.createSymbolicLink(atPath: bench.path("current"), withDestinationPath: bench.path("two"))
        try expectRefused(bench, naming: "now resolves to")
        #expect(bench.read("two/app.properties") == "password=old\n")
    }

    @Test("Pushes after pushes keep working: each write's new inode is recorded")
    func repeatedPushes() throws {
        let (bench, _) = try pinnedBench()
        for round in 2...4 {
            #expect(try bench.run(["push", "f.example"]).status == 0)
            try bench.vault.set("f.example", password: "Pin-Pw-\(round)")
        }
        let push = try bench.run(["push", "f.example"])
        #expect(push.status == 0, "\(push)")
        #expect(bench.read("app.properties") == "password=Pin-Pw-4\n")
    }

    @Test("A file holding one of the forest's passwords at a new inode (a push killed before its commit) is adopted")
    func interruptedWriteIsAdopted() throws {
        let (bench, target) = try pinnedBench()
        // What a push killed between its rename and its commit leaves: the new file, no row.
        try bench.file("copy.tmp", "password=\(TargetPinTests.password)\n", mode: 0o600)
        #expect(rename(bench.path("copy.tmp"), target) == 0)
        #expect(try bench.run(["push", "f.example"]).status == 0)
        try bench.vault.set("f.example", password: "Pin-Pw-2")
        let push = try bench.run(["push", "f.example"])
        #expect(push.status == 0, "\(push)")
        #expect(bench.read("app.properties") == "password=Pin-Pw-2\n")
    }

    @Test("connector add refuses a symlinked target unless --follow-symlinks, which writes through it")
    func followSymlinks() throws {
        let bench = try ConnectorBench()
        try bench.vault.set("f.example", password: TargetPinTests.password)
        let real = try bench.file("real.properties", "password=old\n", mode: 0o600)
        try FileManager.default.createSymbolicLink(atPath: bench.path("link.properties"), withDestinationPath: real)
        let arguments = ["app", "--forest", "f.example", "--file", bench.path("link.properties"), "--format", "keyvalue",
                         "--password-key", "password"]
        let refused = try bench.run(["connector", "add"] + arguments)
        #expect(refused.status == 65, "\(refused)")
        #expect(refused.stderrLines.count == 1)
        #expect(refused.stderr.contains("--follow-symlinks"), "\(refused.stderr)")
        try bench.addConnector(arguments + ["--follow-symlinks"])
        #expect(try bench.run(["push", "f.example"]).status == 0)
        #expect(bench.read("real.properties") == "password=\(TargetPinTests.password)\n")
        let show = try bench.run(["connector", "show", "app"])
        #expect(show.stdout.contains("pinned:    symlinks followed, owner uid"), "\(show.stdout)")
    }

    @Test("connector show prints what is pinned; --json too")
    func showPrintsPin() throws {
        let (bench, target) = try pinnedBench()
        let inode = try #require(FileMode.status(target)).inode
        let show = try bench.run(["connector", "show", "app"])
        #expect(show.status == 0)
        #expect(show.stdout.contains("pinned:    \(target), device "), "\(show.stdout)")
        #expect(show.stdout.contains("inode \(inode)"), "\(show.stdout)")
        #expect(show.stdout.contains("mode 0600"), "\(show.stdout)")
        let json = try bench.run(["connector", "show", "app", "--json"])
        #expect(json.stdout.contains("\"resolved_path\""), "\(json.stdout)")
    }

    @Test("A connector added before pinning keeps its valid MAC and pushes as before")
    func unpinnedConnector() throws {
        let (bench, _) = try pinnedBench()
        try LegacyVault.unpin(bench.vault, connector: "app")
        let show = try bench.run(["connector", "show", "app"])
        #expect(show.status == 0, "\(show)")
        #expect(show.stdout.contains("pinned:    (nothing"), "\(show.stdout)")
        #expect(show.stdout.contains("row MAC:   ok"))
        #expect(try bench.run(["push", "f.example"]).status == 0)
        #expect(bench.read("app.properties") == "password=\(TargetPinTests.password)\n")
    }
}

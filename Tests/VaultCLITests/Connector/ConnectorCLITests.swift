import Foundation
import Testing
import TestSupport
#if canImport(Glibc)
import Glibc
#endif

@Suite("Connector CLI contract")
struct ConnectorCLITests {
    @Test("help shows the issue's option names")
    func optionNames() throws {
        let expectations: [([String], [String])] = [
            (["connector", "add", "--help"], ["--forest", "--file", "--format", "--password-key", "--account-key", "--exec",
                                              "--restart", "--health", "--timeout"]),
            (["connector", "list", "--help"], ["--json"]),
            (["connector", "show", "--help"], ["--json"]),
            (["push", "--help"], ["--all", "--connector", "--no-restart", "--dry-run", "--force", "--rollback-on-failure", "--json"]),
            (["status", "--help"], ["--json"]),
            (["doctor", "--help"], ["--log"]),
        ]
        for (arguments, options) in expectations {
            let result = try CLI.run(arguments)
            #expect(result.status == 0, "\(arguments)")
            for option in options { #expect(result.stdout.contains(option), "\(arguments) lacks \(option)") }
        }
        #expect(try CLI.run(["push"]).status == 64)
        #expect(try CLI.run(["push", "contoso.com", "--all"]).status == 64)
    }

    // The complaint behind it: a rotation that breaks a dependent nobody listed or pushed to.
    @Test("set and rollback say which connectors now hold an older password, or that none is registered")
    func rotationNamesTheDependents() throws {
        let bench = try ConnectorBench()
        let first = try bench.vault.set("contoso.com", account: "CONTOSO\\svc", password: "Notice-Pw-1")
        #expect(first.stdout.hasPrefix("Stored contoso.com version 1"))
        #expect(first.stderr.contains("No connector is registered for contoso.com"), "\(first.stderr)")
        #expect(first.stderr.contains("CONTOSO\\svc"))

        let target = try bench.file("a.properties", "password=old\n")
        try bench.addConnector(["sync-a", "--forest", "contoso.com", "--file", target, "--format", "keyvalue", "--password-key", "password"])
        let second = try bench.vault.set("contoso.com", account: "CONTOSO\\svc", password: "Notice-Pw-2")
        #expect(second.stderr.contains("1 connector still has an older password: sync-a."), "\(second.stderr)")
        #expect(second.stderr.contains("`credvault push contoso.com`"))

        try bench.addConnector(["sync-b", "--forest", "contoso.com", "--file", bench.file("b.properties", "password=old\n"),
                                "--format", "keyvalue", "--password-key", "password"])
        let rollback = try bench.run(["rollback", "contoso.com", "--to", "1"])
        #expect(rollback.status == 0)
        #expect(rollback.stderr.contains("2 connectors still have an older password: sync-a, sync-b."), "\(rollback.stderr)")
        // stdout stays the one line scripts read, and no password shows anywhere.
        for result in [first, second, rollback] {
            #expect(result.stdout.split(separator: "\n").count == 1)
            #expect(!result.stdout.contains("Notice-Pw") && !result.stderr.contains("Notice-Pw"))
        }
    }

    @Test("a symlinked target stays a symlink; the file it points to gets the password")
    func symlinkTarget() throws {
        let bench = try ConnectorBench()
        try bench.vault.set("contoso.com", account: "svc", password: "Link-Pw-1")
        try FileManager.default.createDirectory(atPath: bench.path("real"), withIntermediateDirectories: true)
        try bench.file("real/t.properties", "password=old\n")
        try FileManager.default.createSymbolicLink(atPath: bench.path("link.properties"), withDestinationPath: bench.path("real/t.properties"))
        try bench.addConnector(["l", "--forest", "contoso.com", "--file", bench.path("link.properties"), "--format", "keyvalue",
                                "--password-key", "password", "--follow-symlinks"])
        #expect(try bench.run(["push", "contoso.com"]).status == 0)
        let destination = try FileManager.default.destinationOfSymbolicLink(atPath: bench.path("link.properties"))
        #expect(destination == bench.path("real/t.properties"))
        #expect(bench.read("real/t.properties") == "password=Link-Pw-1\n")
    }

    @Test("temp files left by an interrupted push are reported by doctor and removed by the next push")
    func leftoverTempFiles() throws {
        let bench = try ConnectorBench()
        try bench.vault.set("contoso.com", account: "svc", password: "Temp-Pw-1")
        let target = try bench.file("t.properties", "password=old\n")
        try bench.addConnector(["k", "--forest", "contoso.com", "--file", target, "--format", "keyvalue", "--password-key", "password"])
        #expect(try bench.run(["push", "contoso.com"]).status == 0)
        try bench.file(".t.properties.credvault-0123456789ab.tmp", "password=Temp-Pw-1\n", mode: 0o600)
        let doctor = try bench.run(["doctor", "contoso.com"])
        #expect(doctor.status == 1)
        #expect(doctor.stdout.contains("interrupted push left 1 temp file"))
        // Nothing to push, but the leftover goes.
        #expect(try bench.run(["push", "contoso.com", "--dry-run"]).status == 0)
        #expect(bench.tempFiles().count == 1, "a dry run changes nothing")
        #expect(try bench.run(["push", "contoso.com"]).status == 0)
        #expect(bench.tempFiles().isEmpty)
        #expect(try bench.run(["doctor", "contoso.com"]).status == 0)
    }

    @Test("one push at a time: a second push while a restart hook runs exits 75")
    func pushLock() throws {
        let bench = try ConnectorBench()
        try bench.vault.set("contoso.com", account: "svc", password: "Lock-Pw-1")
        let target = try bench.file("t.properties", "password=old\n")
        let restart = try bench.script("restart.sh", """
            touch \(bench.path("started"))
            for i in $(seq 1 500); do [ -e \(bench.path("release")) ] && exit 0; sleep 0.02; done
            exit 1
            """)
        try bench.addConnector(["k", "--forest", "contoso.com", "--file", target, "--format", "keyvalue", "--password-key", "password",
                                "--restart", restart, "--timeout", "30"])
        let first = try bench.vault.start(["push", "contoso.com"])
        #expect(eventually { FileManager.default.fileExists(atPath: bench.path("started")) })
        let second = try bench.run(["push", "contoso.com"])
        #expect(second.status == 75, "\(second.stderr)")
        // Reads are not blocked by a running push.
        #expect(try bench.run(["status", "--json"]).status == 0)
        _ = FileManager.default.createFile(atPath: bench.path("release"), contents: nil)
        first.waitUntilExit()
        #expect(first.terminationStatus == 0)
    }
}

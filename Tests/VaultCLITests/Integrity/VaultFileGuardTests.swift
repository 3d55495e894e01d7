import Foundation
import Testing
import TestSupport
#if canImport(Glibc)
import Glibc
#endif

/// Issue 14, finding 4: the vault is checked on the descriptor SQLite uses, so swapping the
/// path between the vault and a world-readable copy never gets the copy served.
@Suite("The vault file is checked on its descriptor")
struct VaultFileGuardTests {
    @Test("A second process swapping the path between the vault and a 0644 copy wins 0 of 150 runs")
    func swapRaceIsRefused() throws {
        let vault = try VaultSandbox()
        try vault.set("f.example", password: "Pw-One-1")
        // The copy holds only v1, is world-readable, and is a separate inode.
        let copy = vault.path("copy.db")
        try FileManager.default.copyItem(atPath: vault.vaultPath, toPath: copy)
        try FileMode.set(copy, 0o644)
        try vault.set("f.example", password: "Pw-Two-2")
        let real = vault.path("real.db")
        #expect(link(vault.vaultPath, real) == 0)

        // Swaps vault.db between the two inodes (link + rename: each step atomic) every 0.3 ms
        // (a pause, so the racer does not starve the commands it races) until killed.
        let racer = Process()
        racer.executableURL = URL(fileURLWithPath: "/usr/bin/perl")
        racer.arguments = ["-e", """
            my ($path, $real, $copy) = @ARGV;
            while (1) {
                link($copy, "$path.a"); rename("$path.a", $path); select(undef, undef, undef, 0.0003);
                link($real, "$path.b"); rename("$path.b", $path); select(undef, undef, undef, 0.0003);
            }
            """, vault.vaultPath, real, copy]
        try racer.run()
        // SIGKILL: the racer inherits the test runner's signal mask, in which SIGTERM is blocked.
        defer { kill(racer.processIdentifier, SIGKILL); racer.waitUntilExit() }

        var served = 0, refused = 0, wins = 0
        var otherOutcomes: [String] = []
        for _ in 0..<150 {
            let result = try vault.run(["get", "f.example"])
            let printed = result.stdout.trimmingCharacters(in: .newlines)
            switch (result.status, printed) {
            case (0, "Pw-Two-2"): served += 1
            case (0, _): wins += 1
            case (65, _), (77, _): refused += 1
            default: otherOutcomes.append("\(result.status): \(result.stderr.prefix(160))")
            }
            #expect(result.stderrLines.count <= 1, "\(result.stderr)")
        }
        #expect(wins == 0, "the world-readable copy was served \(wins) times (served \(served), refused \(refused))")
        #expect(otherOutcomes.isEmpty, "\(otherOutcomes.prefix(5))")
    }

    @Test("A vault path that is a symbolic link is refused with 65")
    func symlinkIsRefused() throws {
        let vault = try VaultSandbox()
        let link = vault.path("link.db")
        #expect(symlink(vault.vaultPath, link) == 0)
        let result = try CLI.run(["list"], environment: ["CREDVAULT_VAULT": link, "CREDVAULT_KEYFILE": vault.keyfilePath])
        #expect(result.status == 65)
        #expect(result.stderrLines.count == 1)
        #expect(result.stderr.contains("symbolic link"))
    }

    @Test("A 0600 vault that belongs to another user is refused with 77", .enabled(if: geteuid() == 0, "needs root to chown"))
    func otherOwnerIsRefused() throws {
        let vault = try VaultSandbox()
        #expect(chown(vault.vaultPath, 65534, 65534) == 0)
        let result = try vault.run(["list"])
        #expect(result.status == 77)
        #expect(result.stderrLines.count == 1)
        #expect(result.stderr.contains("belongs to uid 65534"))
    }
}

import Foundation
import Testing
import TestSupport

/// Issue 13: `restore BACKUP` verifies the backup, refuses to drop audit events without
/// --force, and is audited in both vaults.
@Suite("restore from a backup")
struct RestoreTests {
    func actions(_ vault: VaultSandbox, path: String? = nil) throws -> [String] {
        let result = try CLI.runSQLite(path ?? vault.vaultPath, "SELECT action FROM audit_events ORDER BY seq")
        return result.stdout.split(separator: "\n").map(String.init)
    }

    @Test("right after a backup, restore brings its passwords back and records restore in both vaults")
    func restoreAfterBackup() throws {
        let vault = try VaultSandbox()
        try vault.set("contoso.com", password: "Restore-Pw-1")
        let backup = vault.path("backup.db")
        #expect(try vault.run(["backup", backup]).status == 0)
        // The vault is damaged: an audit event deleted behind credvault's back.
        try vault.sqlite("DELETE FROM audit_events WHERE action = 'backup'")
        let restored = try vault.run(["restore", backup, "--force"])
        #expect(restored.status == 0, "\(restored)")
        #expect(try vault.run(["get", "contoso.com"]).stdout == "Restore-Pw-1\n")
        #expect(try vault.run(["audit", "verify"]).status == 0)
        let restoredActions = try actions(vault)
        #expect(restoredActions == ["init", "set", "restore", "get"], "\(restoredActions)")
        let aside = try #require(restored.stdout.firstMatch(of: /kept as (\S+)\./)?.1)
        #expect(try actions(vault, path: String(aside)) == ["init", "set"], "the damaged vault is kept as it was")
        #expect(FileMode.status(String(aside))?.mode == 0o600)
    }

    @Test("a vault with events the backup lacks is not replaced without --force")
    func refusesToLoseEvents() throws {
        let vault = try VaultSandbox()
        try vault.set("contoso.com", password: "Restore-Pw-1")
        let backup = vault.path("backup.db")
        #expect(try vault.run(["backup", backup]).status == 0)
        // Only the backup's own event is newer: that restore is allowed.
        #expect(try vault.run(["restore", backup]).status == 0)
        try vault.set("contoso.com", password: "Restore-Pw-2")
        let before = try vault.dump()
        let refused = try vault.run(["restore", backup])
        #expect(refused.status == 65, "\(refused)")
        #expect(refused.stderrLines.count == 1)
        #expect(refused.stderr.contains("--force"), "\(refused.stderr)")
        #expect(try vault.dump() == before, "a refused restore changed the vault")
        #expect(try vault.run(["restore", backup, "--force"]).status == 0)
        #expect(try vault.run(["get", "contoso.com"]).stdout == "Restore-Pw-1\n")
    }

    @Test("a backup whose audit chain is broken, or that the keys do not open, is refused")
    func refusesBadBackup() throws {
        let vault = try VaultSandbox()
        try vault.set("contoso.com", password: "Restore-Pw-1")
        let backup = vault.path("backup.db")
        #expect(try vault.run(["backup", backup]).status == 0)
        try CLI.runSQLite(backup, "UPDATE audit_events SET actor = 'mallory' WHERE seq = 2")
        let before = try vault.dump()
        let broken = try vault.run(["restore", backup, "--force"])
        #expect(broken.status == 65, "\(broken)")
        #expect(try vault.dump() == before)
        let other = try VaultSandbox()
        try other.set("contoso.com", password: "Other-Pw-1")
        #expect(try other.run(["backup", other.path("other.db")]).status == 0)
        #expect(try vault.run(["restore", other.path("other.db"), "--force"]).status == 77)
        #expect(try vault.run(["restore", vault.path("nope.db")]).status == 66)
    }
}

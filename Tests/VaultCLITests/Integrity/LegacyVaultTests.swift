import Foundation
import Testing
import TestSupport

/// Issue 14, finding 1, for vaults made before row MACs: the first unlocked command seals
/// the rows (one audited `rows.seal` event), after checking them against the audit trail;
/// a row tampered with before that first open is refused, not sealed.
@Suite("Vaults from before row MACs", .serialized)
struct LegacyVaultTests {
    @Test("A v2 vault opens, is sealed once, audited, and then guarded like a new one")
    func legacyVaultIsSealed() throws {
        let bench = try TamperBench()
        try LegacyVault.downgrade(bench.vault)
        #expect(try bench.vault.sqlite("SELECT COUNT(*) FROM pragma_table_info('forests') WHERE name = 'mac'").stdout
            .trimmingCharacters(in: .whitespacesAndNewlines) == "0", "the downgrade left the column")

        let get = try bench.bench.run(["get", "f.example"])
        #expect(get.status == 0, "\(get)")
        #expect(get.stdout.contains(TamperBench.newPassword))
        for command in [["list"], ["history", "f.example"], ["status"], ["push", "f.example"], ["audit", "verify"]] {
            let result = try bench.bench.run(command)
            #expect(result.status == 0, "\(command): \(result)")
        }
        let seals = try bench.vault.sqlite("SELECT detail FROM audit_events WHERE action = 'rows.seal'")
        #expect(seals.stdout.split(separator: "\n").count == 1, "\(seals.stdout)")
        #expect(seals.stdout.contains("\"versions\":\"2\""), "\(seals.stdout)")
        let unsealed = try bench.vault.sqlite(
            "SELECT (SELECT COUNT(*) FROM forests WHERE mac IS NULL) + (SELECT COUNT(*) FROM secret_versions WHERE mac IS NULL)"
                + " + (SELECT COUNT(*) FROM pushes WHERE mac IS NULL) + (SELECT COUNT(*) FROM key_slots WHERE mac IS NULL)")
        #expect(unsealed.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "0")

        try bench.edit("UPDATE forests SET current_version = 1")
        try bench.expectRefused(["get", "f.example"], naming: "forests row f.example", "after the seal")
    }

    @Test("A v2 vault whose pointer was moved back before its first open is refused, not sealed")
    func legacyTamperIsNotSealed() throws {
        let bench = try TamperBench()
        try LegacyVault.downgrade(bench.vault)
        try bench.edit("UPDATE forests SET current_version = 1")
        try bench.expectRefused(["get", "f.example"], naming: "last version is 2", "legacy pointer")
        try bench.expectRefused(["push", "f.example"], naming: "last version is 2", "legacy pointer")
        let seals = try bench.vault.sqlite("SELECT COUNT(*) FROM audit_events WHERE action = 'rows.seal'")
        #expect(seals.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "0")
    }

    @Test("A sealed vault with its seal and a row's MAC removed is not taken for an old one")
    func removedSealIsTampering() throws {
        let bench = try TamperBench()
        try bench.edit("UPDATE vault_meta SET rows_mac = NULL; UPDATE forests SET mac = NULL, current_version = 1")
        try bench.expectRefused(["get", "f.example"], naming: "vault_meta row 1", "seal removed")
    }
}

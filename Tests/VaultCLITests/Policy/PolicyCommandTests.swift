import Foundation
import Testing
import TestSupport

/// Issue 13: `policy set|show|clear` keep a vault-wide and per-forest maximum password age,
/// MAC'd, audited in the same transaction, refused when edited or deleted outside credvault,
/// and kept by `rekey`.
@Suite("Maximum password age policy: commands, audit, integrity")
struct PolicyCommandTests {
    static func makeVault() throws -> VaultSandbox {
        let vault = try VaultSandbox()
        try vault.set("f.example", password: "Policy-Pw-1111")
        try vault.set("g.example", password: "Policy-Pw-2222")
        return vault
    }

    static func show(_ vault: VaultSandbox) throws -> [String: Any] {
        let result = try vault.run(["policy", "show", "--json"])
        guard result.status == 0 else { throw TestFailure("policy show failed: \(result)") }
        return try JSON.object(result.stdout)
    }

    static func ok(_ vault: VaultSandbox, _ arguments: [String]) throws {
        let result = try vault.run(arguments)
        guard result.status == 0 else { throw TestFailure("\(arguments) failed: \(result)") }
    }

    static func policyEvents(_ vault: VaultSandbox) throws -> [String] {
        try vault.sqlite("SELECT action || '|' || IFNULL(forest, '*') || '|' || detail FROM audit_events WHERE action LIKE 'policy.%' ORDER BY seq")
            .stdout.split(separator: "\n").map(String.init)
    }

    @Test("set, show and clear round trip, each audited with the forest and the age")
    func roundTrip() throws {
        let vault = try Self.makeVault()
        #expect(try Self.show(vault)["vault_max_age_seconds"] is NSNull)
        try Self.ok(vault, ["policy", "set", "--max-age", "90d"])
        try Self.ok(vault, ["policy", "set", "g.example", "--max-age", "2w"])
        var shown = try Self.show(vault)
        #expect(shown["vault_max_age_seconds"] as? Int == 90 * 86_400)
        let forests = shown["forests"] as? [[String: Any]] ?? []
        #expect(forests.count == 1 && forests.first?["forest"] as? String == "g.example")
        #expect(forests.first?["max_age_seconds"] as? Int == 14 * 86_400)
        let text = try vault.run(["policy", "show"]).stdout
        #expect(text.contains("vault-wide: 90d") && text.contains("g.example: 14d"), "\(text)")

        try Self.ok(vault, ["policy", "set", "g.example", "--max-age", "12h"])
        try Self.ok(vault, ["policy", "clear", "g.example"])
        let again = try vault.run(["policy", "clear", "g.example"])
        #expect(again.status == 66 && again.stderrLines.count == 1, "\(again)")
        try Self.ok(vault, ["policy", "clear"])
        shown = try Self.show(vault)
        #expect(shown["vault_max_age_seconds"] is NSNull)
        #expect((shown["forests"] as? [Any])?.isEmpty == true)
        #expect(try vault.sqlite("SELECT COUNT(*) FROM age_policies").stdout.hasPrefix("0"))

        #expect(try Self.policyEvents(vault) == [
            #"policy.set|*|{"max_age_seconds":"7776000"}"#,
            #"policy.set|g.example|{"max_age_seconds":"1209600"}"#,
            #"policy.set|g.example|{"max_age_seconds":"43200","replaced_seconds":"1209600"}"#,
            #"policy.clear|g.example|{"max_age_seconds":"43200"}"#,
            #"policy.clear|*|{"max_age_seconds":"7776000"}"#,
        ])
        #expect(try vault.run(["audit", "verify"]).status == 0)
    }

    @Test("an age that is not one is a usage error: exit 64, one line, nothing stored", arguments: [
        "0", "0d", "90", "90m", "-5d", "1.5d", "d", "abc", "90 d", "99999999w",
    ])
    func badAges(age: String) throws {
        let vault = try Self.makeVault()
        let result = try vault.run(["policy", "set", "--max-age", age])
        #expect(result.status == 64, "\(age): \(result)")
        #expect(result.stderrLines.count == 1, "\(age): \(result.stderr)")
        #expect(result.stdout.isEmpty)
        #expect(try Self.show(vault)["vault_max_age_seconds"] is NSNull)
    }

    @Test("h, d, w and s units; a forest not in the vault is 66, a name that is not one 64")
    func unitsAndForests() throws {
        let vault = try Self.makeVault()
        for (age, seconds) in [("36h", 36 * 3_600), ("3w", 21 * 86_400), ("45s", 45), ("1d", 86_400)] {
            try Self.ok(vault, ["policy", "set", "--max-age", age])
            #expect(try Self.show(vault)["vault_max_age_seconds"] as? Int == seconds, "\(age)")
        }
        let unknown = try vault.run(["policy", "set", "nosuch.example", "--max-age", "1d"])
        #expect(unknown.status == 66 && unknown.stderrLines.count == 1, "\(unknown)")
        let bad = try vault.run(["policy", "set", "not a forest!", "--max-age", "1d"])
        #expect(bad.status == 64 && bad.stderrLines.count == 1, "\(bad)")
    }

    @Test("a policy row edited with sqlite3 is refused: exit 65, one line", arguments: [
        "UPDATE age_policies SET max_age_seconds = 999999999 WHERE scope = 'f.example'",
        "UPDATE age_policies SET max_age_seconds = 999999999 WHERE scope = '*'",
        "UPDATE age_policies SET forest_count = 0 WHERE scope = '*'",
        "UPDATE age_policies SET scope = 'g.example' WHERE scope = 'f.example'",
    ])
    func tamperedRow(sql: String) throws {
        let vault = try Self.makeVault()
        try Self.ok(vault, ["policy", "set", "--max-age", "90d"])
        try Self.ok(vault, ["policy", "set", "f.example", "--max-age", "30d"])
        #expect(try vault.sqlite(sql).status == 0)
        for command in [["status"], ["list"], ["list", "--json"], ["policy", "show"], ["doctor", "--all"]] {
            let result = try vault.run(command)
            #expect(result.status == 65, "\(sql): \(command): \(result)")
            #expect(result.stderrLines.count == 1, "\(sql): \(command): \(result.stderr)")
            #expect(result.stderr.contains("age_policies") || result.stderr.contains("maximum password age"), "\(result.stderr)")
        }
    }

    @Test("a deleted policy row is seen: one forest's by the vault-wide row's count, all of them by audit verify")
    func deletedRows() throws {
        let vault = try Self.makeVault()
        try Self.ok(vault, ["policy", "set", "--max-age", "90d"])
        try Self.ok(vault, ["policy", "set", "f.example", "--max-age", "30d"])
        #expect(try vault.sqlite("DELETE FROM age_policies WHERE scope = 'f.example'").status == 0)
        for command in [["status"], ["list"], ["policy", "show"], ["audit", "verify"]] {
            let result = try vault.run(command)
            #expect(result.status == 65 && result.stderrLines.count == 1, "\(command): \(result)")
        }
        #expect(try vault.run(["status"]).stderr.contains("policy rows deleted"))

        #expect(try vault.sqlite("DELETE FROM age_policies").status == 0)
        let verify = try vault.run(["audit", "verify"])
        #expect(verify.status == 65, "\(verify)")
        #expect(verify.stdout.contains("maximum password age") || verify.stderr.contains("maximum password age"), "\(verify)")
    }

    @Test("rekey re-MACs the policy rows: the policy stays and still verifies")
    func rekeyKeepsPolicy() throws {
        let vault = try Self.makeVault()
        try Self.ok(vault, ["policy", "set", "--max-age", "90d"])
        try Self.ok(vault, ["policy", "set", "g.example", "--max-age", "7d"])
        let before = try Self.show(vault)
        let macs = try vault.sqlite("SELECT hex(mac) FROM age_policies ORDER BY scope").stdout
        try Self.ok(vault, ["rekey"])
        #expect(try vault.sqlite("SELECT hex(mac) FROM age_policies ORDER BY scope").stdout != macs, "rekey left the old MACs")
        let after = try Self.show(vault)
        #expect(after["vault_max_age_seconds"] as? Int == before["vault_max_age_seconds"] as? Int)
        #expect((after["forests"] as? [[String: Any]])?.first?["max_age_seconds"] as? Int == 7 * 86_400)
        for command in [["status"], ["list"], ["audit", "verify"]] {
            let result = try vault.run(command)
            #expect(result.status == 0, "after rekey: \(command): \(result)")
        }
        #expect(try vault.sqlite("UPDATE age_policies SET max_age_seconds = 1 WHERE scope = 'g.example'").status == 0)
        #expect(try vault.run(["status"]).status == 65, "a row edited after the rekey is still caught")
    }
}

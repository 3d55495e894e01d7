import Foundation
import Testing
import TestSupport

/// Issue 14: a trail cut at its end is detected without a checkpoint. The `audit_head` row
/// names the newest event (seq and MAC, row-MACed) and moves with every append; edits are
/// made to the real vault file with the sqlite3 shell.
@Suite("Audit head anchor")
struct AuditHeadAnchorTests {
    /// A vault with `count` events (init, then sets).
    static func vault(events count: Int) throws -> VaultSandbox {
        let vault = try VaultSandbox()
        for index in 1..<count { try vault.set("contoso.com", password: "Anchor-Pw-\(index)-x") }
        return vault
    }

    static func edit(_ vault: VaultSandbox, _ sql: String) throws {
        let result = try vault.sqlite(sql)
        guard result.status == 0 else { throw TestFailure("sqlite3 refused \(sql): \(result.stderr)") }
    }

    /// `audit verify` exits 65 with one line holding every one of `words`; returns its JSON.
    @discardableResult
    static func expectBroken(_ vault: VaultSandbox, _ words: [String], kind: String) throws -> [String: Any] {
        let result = try vault.run(["audit", "verify"])
        #expect(result.status == 65, "\(result)")
        #expect(result.stderrLines.count == 1, "\(result.stderr)")
        for word in words { #expect(result.stderr.contains(word), "\(word) not in: \(result.stderr)") }
        let json = try vault.run(["audit", "verify", "--json"])
        #expect(json.status == 65)
        let object = try JSON.object(json.stdout)
        #expect(object["intact"] as? Bool == false)
        #expect(object["problem"] as? String == kind, "\(json.stdout)")
        return object
    }

    static func expectIntact(_ vault: VaultSandbox, _ context: String) throws {
        let result = try vault.run(["audit", "verify"])
        #expect(result.status == 0, "\(context): \(result)")
    }

    @Test("the newest event deleted: verify says truncated, naming the anchored and the last seq")
    func newestDeleted() throws {
        let vault = try Self.vault(events: 5)
        try Self.expectIntact(vault, "before")
        try Self.edit(vault, "DELETE FROM audit_events WHERE seq = (SELECT max(seq) FROM audit_events)")
        let json = try Self.expectBroken(vault, ["truncated", "ends at seq 4", "anchor is at seq 5"], kind: "truncated")
        #expect(json["seq"] as? Int == 5)
        #expect(try vault.run(["audit", "checkpoint"]).status == 65, "a checkpoint of a cut trail vouches for the cut")
    }

    @Test("the newest two events deleted: truncated")
    func newestTwoDeleted() throws {
        let vault = try Self.vault(events: 6)
        try Self.edit(vault, "DELETE FROM audit_events WHERE seq >= 5")
        try Self.expectBroken(vault, ["truncated", "ends at seq 4", "anchor is at seq 6"], kind: "truncated")
    }

    @Test("commands after a cut do not launder it: the anchor keeps naming the lost event")
    func cutIsNotHealedByLaterAppends() throws {
        let vault = try Self.vault(events: 5)
        try Self.edit(vault, "DELETE FROM audit_events WHERE seq = 5")
        // The seq of the deleted event is written again, with another MAC, and more after it.
        try vault.set("contoso.com", password: "After-Cut-1")
        try Self.expectBroken(vault, ["truncated", "anchor is at seq 5", "another event there"], kind: "truncated")
        try vault.set("contoso.com", password: "After-Cut-2")
        #expect(try vault.run(["get", "contoso.com"]).status == 0, "a cut trail does not stop the vault")
        try Self.expectBroken(vault, ["truncated", "anchor is at seq 5", "ends at seq 7"], kind: "truncated")
    }

    @Test("the anchor row edited, its MAC removed, or the row deleted: 65", arguments: [
        ("UPDATE audit_head SET seq = seq + 1", "fails its MAC"),
        ("UPDATE audit_head SET event_mac = randomblob(32)", "fails its MAC"),
        ("UPDATE audit_head SET mac = randomblob(32)", "fails its MAC"),
        ("UPDATE audit_head SET seq = 'abc'", "malformed seq"),
        ("UPDATE audit_head SET mac = NULL", "lost its MAC"),
        ("DELETE FROM audit_head", "is missing"),
    ])
    func anchorTampered(edit: (String, String)) throws {
        let vault = try Self.vault(events: 3)
        try Self.edit(vault, edit.0)
        try Self.expectBroken(vault, ["head anchor", edit.1], kind: "anchor_tampered")
        // An append leaves a tampered anchor as it is: verify keeps saying so.
        try vault.set("contoso.com", password: "After-Edit-1")
        try Self.expectBroken(vault, ["head anchor", edit.1], kind: "anchor_tampered")
    }

    @Test("an older copy of the anchor row put back: 65; with the tail cut to match, only a checkpoint sees it")
    func olderAnchorCopy() throws {
        let vault = try Self.vault(events: 3)
        try Self.edit(vault, "CREATE TABLE saved AS SELECT * FROM audit_head")
        #expect(try vault.run(["get", "contoso.com"]).status == 0)                     // seq 4: a read
        let line = try vault.run(["audit", "checkpoint"]).stdout.trimmingCharacters(in: .newlines)
        try Self.edit(vault, "DELETE FROM audit_head; INSERT INTO audit_head SELECT * FROM saved")
        try Self.expectBroken(vault, ["head anchor", "older copy"], kind: "anchor_tampered")
        // The coordinated rollback docs/audit.md names: the tail and the anchor rolled back
        // together look like the vault before the read; the checkpoint kept elsewhere sees it.
        try Self.edit(vault, "DELETE FROM audit_events WHERE seq = 4; DROP TABLE saved")
        try Self.expectIntact(vault, "coordinated rollback")
        let checked = try vault.run(["audit", "verify", "--checkpoint", line])
        #expect(checked.status == 65, "\(checked)")
        #expect(checked.stderr.contains("truncated"), "\(checked.stderr)")
    }

    @Test("set, get, import, push, backup, restore and rekey keep the anchor on the head")
    func normalCommandsKeepItRight() throws {
        let bench = try ConnectorBench()
        let vault = bench.vault
        try vault.set("f.example", password: "Keep-Pw-1")
        #expect(try vault.run(["get", "f.example"]).status == 0)
        let imported = try vault.run(["import"], stdin: #"{"forest":"i.example","account":"svc","password":"Imp-Pw-1"}"#
            + "\n" + #"{"forest":"j.example","account":"svc","password":"Imp-Pw-2"}"# + "\n")
        #expect(imported.status == 0, "\(imported)")
        try Self.expectIntact(vault, "after import")
        let target = try bench.file("app.properties", "password=old\n")
        try bench.addConnector(["app", "--forest", "f.example", "--file", target, "--format", "keyvalue", "--password-key", "password"])
        #expect(try bench.run(["push", "f.example"]).status == 0)
        try Self.expectIntact(vault, "after push")
        let backup = vault.path("backup.db")
        #expect(try vault.run(["backup", backup]).status == 0)
        try Self.expectIntact(vault, "after backup")
        #expect(try CLI.run(["audit", "verify"], environment: ["CREDVAULT_VAULT": backup, "CREDVAULT_KEYFILE": vault.keyfilePath])
            .status == 0, "the backup copy verifies on its own")
        #expect(try vault.run(["restore", backup]).status == 0)
        try Self.expectIntact(vault, "after restore")
        let rekey = try vault.run(["rekey"])
        #expect(rekey.status == 0, "\(rekey)")
        try Self.expectIntact(vault, "after rekey")
        try vault.set("f.example", password: "Keep-Pw-2")
        try Self.expectIntact(vault, "after a set under the new key")
        // And the anchor is live after all of it: a cut is still seen.
        try Self.edit(vault, "DELETE FROM audit_events WHERE seq = (SELECT max(seq) FROM audit_events)")
        try Self.expectBroken(vault, ["truncated"], kind: "truncated")
    }

    @Test("rekey refuses a vault whose trail was cut at its end, and changes nothing")
    func rekeyRefusesCut() throws {
        let vault = try Self.vault(events: 4)
        try Self.edit(vault, "DELETE FROM audit_events WHERE seq = 4")
        let before = try vault.dump()
        let refused = try vault.run(["rekey"])
        #expect(refused.status == 65, "\(refused)")
        #expect(refused.stderr.contains("truncated"), "\(refused.stderr)")
        #expect(try vault.dump() == before)
    }

    @Test("a vault from before the anchor: migrated on open, sealed by the next event, then guarded")
    func vaultFromBeforeTheAnchor() throws {
        let vault = try Self.vault(events: 4)
        try LegacyVault.dropAuditHead(vault)
        // Read-only commands migrate (the anchor is copied from the head, not MACed yet).
        try Self.expectIntact(vault, "migrated")
        #expect(try vault.sqlite("SELECT seq, mac IS NULL FROM audit_head").stdout == "4|1\n")
        #expect(try vault.run(["get", "contoso.com"]).status == 0)
        #expect(try vault.sqlite("SELECT seq, mac IS NULL FROM audit_head").stdout == "5|0\n")
        let marks = try vault.sqlite(#"SELECT seq FROM audit_events WHERE detail LIKE '%"audit_head":"1"%'"#).stdout
        #expect(marks == "5\n", "the sealing event records the seal: \(marks)")
        try Self.expectIntact(vault, "sealed")
        try Self.edit(vault, "UPDATE audit_head SET mac = NULL")
        try Self.expectBroken(vault, ["lost its MAC"], kind: "anchor_tampered")
    }

    @Test("a vault from before the anchor, cut after the migration and before any append: truncated")
    func legacyCutBeforeSeal() throws {
        let vault = try Self.vault(events: 4)
        try LegacyVault.dropAuditHead(vault)
        try Self.expectIntact(vault, "migrated")
        try Self.edit(vault, "DELETE FROM audit_events WHERE seq = 4")
        try Self.expectBroken(vault, ["truncated", "anchor is at seq 4"], kind: "truncated")
        // The next append does not seal an anchor that names no head.
        #expect(try vault.run(["get", "contoso.com"]).status == 0)
        #expect(try vault.sqlite("SELECT seq, mac IS NULL FROM audit_head").stdout == "4|1\n")
        try Self.expectBroken(vault, ["truncated", "anchor is at seq 4"], kind: "truncated")
    }
}

import Foundation
import Testing
import TestSupport

/// Issue 14, finding 1: every row a command relies on is authenticated. Each case edits the
/// real vault file with the sqlite3 shell; each command that relies on the edited column
/// exits 65 with one line naming what is wrong, and never serves or pushes the old password.
@Suite("Tampered rows are refused with 65")
struct RowMACTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let sql: String
        let commands: [[String]]
        let naming: String
        var testDescription: String { sql }
    }

    static let get = ["get", "f.example"]
    static let push = ["push", "f.example"]
    static let history = ["history", "f.example"]
    static let newestPush = "(SELECT MAX(id) FROM pushes)"

    static let forests = [
        Case(sql: "UPDATE forests SET current_version = 1", commands: [get, push, ["list"], ["status"]], naming: "forests row f.example"),
        Case(sql: "UPDATE forests SET account = 'other@f.example'", commands: [get, ["list"], history], naming: "forests row f.example"),
        Case(sql: "UPDATE forests SET created_at = '2020-01-01T00:00:00.000Z'", commands: [["list"]], naming: "forests row f.example"),
        Case(sql: "UPDATE forests SET updated_at = '2030-01-01T00:00:00.000Z'", commands: [["list"]], naming: "forests row f.example"),
        Case(sql: "UPDATE forests SET push_count = 0", commands: [["status"], history], naming: "forests row f.example"),
        Case(sql: "UPDATE forests SET mac = NULL", commands: [get, ["list"]], naming: "forests row f.example"),
        Case(sql: "DELETE FROM forests", commands: [get, ["list"], history, push, ["status"]], naming: "forests row f.example"),
    ]

    static let versions = [
        Case(sql: "DELETE FROM secret_versions WHERE version = 2", commands: [get, history, push], naming: "version 2 is gone"),
        Case(sql: "DELETE FROM secret_versions WHERE version = 2; UPDATE forests SET current_version = 1",
             commands: [get, push, ["status"]], naming: "forests row f.example"),
        Case(sql: "DELETE FROM secret_versions WHERE version = 1", commands: [history, ["status"], ["get", "f.example", "--version", "1"]],
             naming: "version 1 is gone"),
        Case(sql: "UPDATE secret_versions SET created_at = '2020-01-01T00:00:00.000Z' WHERE version = 2",
             commands: [history, get], naming: "f.example version 2"),
        Case(sql: "UPDATE secret_versions SET actor = 'mallory' WHERE version = 2", commands: [history], naming: "f.example version 2"),
        Case(sql: "UPDATE secret_versions SET source = 'import' WHERE version = 2", commands: [history], naming: "f.example version 2"),
        Case(sql: "UPDATE secret_versions SET reason = 'CHG-9' WHERE version = 2", commands: [history], naming: "f.example version 2"),
        Case(sql: "UPDATE secret_versions SET rolled_back_from = 1 WHERE version = 2", commands: [history], naming: "f.example version 2"),
        Case(sql: "UPDATE secret_versions SET fingerprint = (SELECT fingerprint FROM secret_versions WHERE version = 1) WHERE version = 2",
             commands: [history, ["status"], push], naming: "f.example version 2"),
        Case(sql: """
            UPDATE secret_versions SET nonce = (SELECT nonce FROM secret_versions WHERE version = 1),
                ciphertext = (SELECT ciphertext FROM secret_versions WHERE version = 1) WHERE version = 2
            """, commands: [get, push], naming: "f.example version 2"),
        Case(sql: "UPDATE secret_versions SET mac = NULL WHERE version = 1", commands: [history], naming: "f.example version 1"),
    ]

    static let slotsAndHeader = [
        Case(sql: "UPDATE key_slots SET label = '/elsewhere/vault.key'", commands: [get, ["list"], ["keys"]], naming: "key_slots row"),
        Case(sql: "UPDATE key_slots SET created_at = '2020-01-01T00:00:00.000Z'", commands: [["list"]], naming: "key_slots row"),
        Case(sql: "UPDATE key_slots SET mac = NULL", commands: [["list"]], naming: "key_slots row"),
        Case(sql: "UPDATE vault_meta SET key_generation = 7", commands: [["list"], get], naming: "vault_meta row 1"),
        Case(sql: "UPDATE vault_meta SET created_at = '2020-01-01T00:00:00.000Z'", commands: [["list"]], naming: "vault_meta row 1"),
        Case(sql: "UPDATE vault_meta SET rows_mac = NULL", commands: [["list"], ["audit", "verify"]], naming: "vault_meta row 1"),
        Case(sql: "DELETE FROM grdb_migrations WHERE identifier = 'v3-row-macs'", commands: [["list"], get],
             naming: "does not match its migration record"),
    ]

    static let pushes = [
        Case(sql: "UPDATE pushes SET state = 'failed', step = 'health' WHERE id = \(newestPush)", commands: [["status"], history, push],
             naming: "pushes row"),
        Case(sql: "UPDATE pushes SET version = 1 WHERE id = \(newestPush)", commands: [["status"], push], naming: "pushes row"),
        Case(sql: "UPDATE pushes SET fingerprint = (SELECT fingerprint FROM secret_versions WHERE version = 1)",
             commands: [["status"], history], naming: "pushes row"),
        Case(sql: "UPDATE pushes SET updated_at = '2030-01-01T00:00:00.000Z'", commands: [["status"], ["doctor", "f.example"]], naming: "pushes row"),
        Case(sql: "UPDATE pushes SET error = 'forged'", commands: [["status"], history], naming: "pushes row"),
        Case(sql: "DELETE FROM pushes WHERE id = \(newestPush)", commands: [["status"], history, push], naming: "push rows"),
        Case(sql: "UPDATE pushes SET connector = 'other'", commands: [["status"], history, push], naming: "pushes row"),
    ]

    static let connectors = [
        Case(sql: "DELETE FROM connectors", commands: [["status"], push], naming: "connector rows"),
        Case(sql: "UPDATE connectors SET forest = 'other.example'", commands: [["status"], push, ["connector", "list"]],
             naming: "connector rows"),
    ]

    @Test("forests rows", arguments: forests)
    func forestRows(_ tamper: Case) throws { try run(tamper) }

    @Test("secret_versions rows", arguments: versions)
    func versionRows(_ tamper: Case) throws { try run(tamper) }

    @Test("key_slots and vault_meta rows", arguments: slotsAndHeader)
    func slotAndHeaderRows(_ tamper: Case) throws { try run(tamper) }

    @Test("pushes rows", arguments: pushes)
    func pushRows(_ tamper: Case) throws { try run(tamper) }

    @Test("connector rows deleted or moved to another forest", arguments: connectors)
    func connectorRows(_ tamper: Case) throws { try run(tamper) }

    private func run(_ tamper: Case) throws {
        let bench = try TamperBench()
        try bench.edit(tamper.sql)
        for command in tamper.commands {
            try bench.expectRefused(command, naming: tamper.naming, tamper.sql)
        }
    }

    @Test("An untampered vault answers every command")
    func untamperedVaultWorks() throws {
        let bench = try TamperBench()
        let get = try bench.bench.run(RowMACTests.get)
        #expect(get.status == 0, "\(get)")
        #expect(get.stdout.contains(TamperBench.newPassword))
        for command in [["list"], RowMACTests.history, ["status"], ["keys"], ["doctor", "f.example"], RowMACTests.push, ["audit", "verify"]] {
            let result = try bench.bench.run(command)
            #expect(result.status == 0, "\(command): \(result)")
        }
        let rekey = try bench.bench.run(["rekey"])
        #expect(rekey.status == 0, "\(rekey)")
        for command in [RowMACTests.get, RowMACTests.history, ["status"], ["audit", "verify"]] {
            let result = try bench.bench.run(command)
            #expect(result.status == 0, "after rekey: \(command): \(result)")
        }
    }

    @Test("A planted trigger that rewinds the pointer after every set is caught at the next read")
    func plantedTrigger() throws {
        let bench = try TamperBench()
        try bench.edit("""
            CREATE TRIGGER rewind AFTER INSERT ON secret_versions
            BEGIN UPDATE forests SET current_version = 1 WHERE name = NEW.forest; END
            """)
        // The bench's account: since `ops`, naming another one is refused without --new-account.
        let set = try bench.vault.run(["set", "f.example", "--stdin"], stdin: "Pw-Three-3\n")
        #expect(set.status == 0, "the set the trigger fires on: \(set)")
        try bench.expectRefused(RowMACTests.get, naming: "forests row f.example", "trigger")
        try bench.expectRefused(RowMACTests.push, naming: "forests row f.example", "trigger")
    }
}

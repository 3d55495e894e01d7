import Foundation
import Testing
import TestSupport

/// Issue 14, finding 5: a vault written by a newer credvault is refused before anything is
/// written: exit 65, one line, the file unchanged.
@Suite("Vaults from a newer credvault are refused")
struct VaultFormatGateTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let sql: String
        let format: String
        var testDescription: String { sql }
    }

    static let cases = [
        Case(sql: "PRAGMA user_version = 99", format: "99"),
        Case(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v3-future')", format: "with migration v3-future"),
        Case(sql: "UPDATE vault_meta SET format_version = 2", format: "2"),
    ]

    @Test("Refused with 65 and one line; nothing written", arguments: cases)
    func newerVaultIsRefused(_ newer: Case) throws {
        let vault = try VaultSandbox()
        try vault.set("f.example", password: "Format-Pw-1")
        let edit = try vault.sqlite(newer.sql)
        #expect(edit.status == 0, "\(edit.stderr)")
        let before = try vault.allVaultBytes()
        // get writes an audit event and set a version: neither may reach the file.
        for arguments in [["get", "f.example"], ["list"], ["audit", "verify"]] {
            let result = try vault.run(arguments)
            #expect(result.status == 65, "\(arguments): \(result)")
            #expect(result.stderrLines.count == 1, "\(result.stderr)")
            #expect(result.stderr.contains("made by a newer credvault (format \(newer.format))"), "\(result.stderr)")
            #expect(!result.stdout.contains("Format-Pw-1"))
        }
        let set = try vault.run(["set", "f.example", "--account", "svc", "--stdin"], stdin: "Format-Pw-2\n")
        #expect(set.status == 65)
        #expect(try vault.allVaultBytes() == before, "the vault changed")
    }
}

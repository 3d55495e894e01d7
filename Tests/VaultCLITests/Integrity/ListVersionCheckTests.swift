import Foundation
import Testing
import TestSupport

/// `list` reads each forest joined with its current version and checks that version's row
/// MAC from the columns (bench/NOTES.md, "audit --json and list --json at scale"): a tampered
/// current version is still refused by both forms, and a row whose columns only change type
/// (the same text as a BLOB) still reads as it always did.
@Suite("list checks the current version's row")
struct ListVersionCheckTests {
    static let tampered = [
        "UPDATE secret_versions SET created_at = '2020-01-01T00:00:00.000Z' WHERE version = 2",
        "UPDATE secret_versions SET source = 'import' WHERE version = 2",
        "UPDATE secret_versions SET actor = 'mallory' WHERE version = 2",
        "UPDATE secret_versions SET reason = NULL WHERE version = 2",
        "UPDATE secret_versions SET mac = NULL WHERE version = 2",
        "UPDATE secret_versions SET mac = (SELECT mac FROM secret_versions WHERE version = 1) WHERE version = 2",
        "UPDATE secret_versions SET nonce = (SELECT nonce FROM secret_versions WHERE version = 1) WHERE version = 2",
        "UPDATE secret_versions SET ciphertext = X'00' WHERE version = 2",
    ]

    @Test("A tampered current version is refused by list and list --json", arguments: tampered)
    func tamperedCurrentVersion(_ sql: String) throws {
        let bench = try TamperBench()
        try bench.edit(sql)
        for command in [["list"], ["list", "--json"]] {
            try bench.expectRefused(command, naming: "f.example version 2", sql)
        }
    }

    @Test("A version row whose text is stored as a BLOB lists as before")
    func blobTextListsAsBefore() throws {
        let bench = try TamperBench()
        let before = try bench.bench.run(["list", "--json"])
        #expect(before.status == 0, "\(before)")
        try bench.edit("UPDATE secret_versions SET created_at = CAST(created_at AS BLOB) WHERE version = 2")
        let after = try bench.bench.run(["list", "--json"])
        #expect(after.status == 0, "\(after)")
        let fields = { (text: String) in text.split(separator: ",").filter { !$0.contains("age_seconds") } }
        #expect(fields(after.stdout) == fields(before.stdout))
    }

    @Test("A deleted forest row is refused by list and list --json before anything is printed")
    func deletedForestRow() throws {
        let bench = try TamperBench()
        try bench.vault.set("g.example", password: "Pw-Three-3")
        try bench.edit("DELETE FROM forests WHERE name = 'g.example'")
        for command in [["list"], ["list", "--json"]] {
            try bench.expectRefused(command, naming: "g.example", "deleted forest row")
            #expect(try bench.bench.run(command).stdout.isEmpty, "\(command) printed a list without g.example")
        }
    }
}

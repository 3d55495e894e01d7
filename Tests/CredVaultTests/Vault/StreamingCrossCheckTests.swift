import Foundation
import GRDB
import Testing
@testable import CredVault

/// `audit verify`'s streaming cross-check: it must take the fast path on an intact vault
/// (or it buys nothing), read and MAC version rows exactly as `SecretVersionRecord` does,
/// and leave every disagreement to the exact check, which words it as before.
@Suite("Streaming cross-check (library)")
struct StreamingCrossCheckTests {
    static func vault() throws -> LibraryVault {
        let lib = try LibraryVault()
        for forest in ["b.example", "a.example", "c.example"] {
            for round in 1...3 {
                try lib.vault.set(forest: forest, account: "svc", password: TestBytes.secure("Pw-\(forest)-\(round)!"))
            }
        }
        return lib
    }

    /// The chain walk's tally and whether the fast path says the rows agree.
    static func fastPath(_ lib: LibraryVault) throws -> (agrees: Bool, disagreement: String?) {
        let verifier = AuditVerifier(key: try lib.vault.keys.auditKey())
        return try lib.vault.database.read { tx in
            let tally = TrailTally()
            let chain = try verifier.verify(tx, tally: tally)
            try #require(chain.problem == nil, "\(chain)")
            return (try StreamingCrossCheck(tx: tx, tally: tally).agrees(),
                    try AuditCrossCheck.disagreement(tx, tally: tally))
        }
    }

    @Test("an intact vault agrees on the fast path")
    func intactAgrees() throws {
        let result = try Self.fastPath(try Self.vault())
        #expect(result.agrees)
        #expect(result.disagreement == nil)
    }

    @Test("a version row's canonical bytes from its columns are those of the record it reads as")
    func rawCanonicalBytes() throws {
        let lib = try Self.vault()
        let rows = try #require(lib.vault.database.rows)
        var compared = 0
        try lib.vault.database.read { tx in
            let records = try tx.allVersions()
            try tx.forEachVersionRow { row in
                var encoder = CanonicalEncoder()
                let mac = try #require(SecretVersionRecord.appendCanonical(of: row, vaultID: rows.vaultID, to: &encoder))
                let record = try #require(records.first {
                    $0.forest == (try? row.text(0, "forest")) && $0.version == (try? row.integer(1, "version"))
                })
                #expect(encoder.bytes == record.canonicalBytes(vaultID: rows.vaultID))
                #expect([UInt8](mac) == (try rows.mac(of: record)))
                compared += 1
                return true
            }
        }
        #expect(compared == 9)
    }

    @Test("rows edited behind the vault's back leave the fast path to the exact check's words", arguments: [
        ("DELETE FROM secret_versions WHERE forest = 'b.example' AND version = 2", "forest b.example is at version 3 but its version 2 is gone"),
        ("PRAGMA ignore_check_constraints = ON; UPDATE secret_versions SET version = 'two' WHERE forest = 'a.example' AND version = 2",
         nil),
    ])
    func editedRows(_ sql: String, _ expected: String?) throws {
        let lib = try Self.vault()
        try lib.execute(sql)
        let verifier = AuditVerifier(key: try lib.vault.keys.auditKey())
        let (agrees, exact) = try lib.vault.database.read { tx in
            let tally = TrailTally()
            _ = try verifier.verify(tx, tally: tally)
            let agrees = try StreamingCrossCheck(tx: tx, tally: tally).agrees()
            return (agrees, Result { try AuditCrossCheck.disagreement(tx, tally: tally) })
        }
        #expect(!agrees)
        switch exact {
        case .success(let disagreement): #expect(disagreement == expected)
        // The exact check throws for a row it cannot read (a malformed version).
        case .failure(let error): #expect(expected == nil, "\(error)")
        }
    }
}

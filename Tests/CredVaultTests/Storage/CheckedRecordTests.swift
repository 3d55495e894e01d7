import Foundation
import Testing
@testable import CredVault

/// A row edited with the sqlite3 shell is an integrity error naming table, row and column:
/// never a trap (GRDB's non-optional subscripts) and never a silent default.
@Suite("Checked records (library)")
struct CheckedRecordTests {
    static func vaultWithVersion() throws -> LibraryVault {
        let lib = try LibraryVault()
        try lib.vault.set(forest: "contoso.com", account: "svc", password: TestBytes.secure("Pw-checked-1!"))
        return lib
    }

    @Test("a text where the version number belongs")
    func wrongType() throws {
        let lib = try Self.vaultWithVersion()
        // The CHECK constraints hold for the schema's own writes; turn them off like an attacker would.
        try lib.execute("PRAGMA ignore_check_constraints = ON; UPDATE forests SET current_version = 'one'")
        #expect(throws: CredVaultError.malformedRecord(table: "forests", key: "contoso.com", column: "current_version")) {
            _ = try lib.vault.get(forest: "contoso.com")
        }
    }

    @Test("a forest row read raw converts as a GRDB row does: a REAL 1.5 reads as version 1")
    func rawReadConvertsAsGRDB() throws {
        let lib = try Self.vaultWithVersion()
        try lib.execute("PRAGMA ignore_check_constraints = ON; UPDATE forests SET current_version = 1.5")
        var streamed: [ForestSummary] = []
        try lib.vault.forEachForest { streamed.append($0) }
        #expect(streamed == (try lib.vault.list()))
        #expect(streamed.map(\.currentVersion) == [1])
        let revealed = try lib.vault.get(forest: "contoso.com")
        #expect(revealed.info.version == 1)
    }

    @Test("a blob where the forest's account belongs is read as its text only when it is UTF-8")
    func rawReadBlobText() throws {
        let lib = try Self.vaultWithVersion()
        try lib.execute("PRAGMA ignore_check_constraints = ON; UPDATE forests SET account = X'ff'")
        #expect(throws: CredVaultError.malformedRecord(table: "forests", key: "contoso.com", column: "account")) {
            try lib.vault.forEachForest { _ in }
        }
    }

    @Test("an unknown version source is damage, not `.set`")
    func unknownEnum() throws {
        let lib = try Self.vaultWithVersion()
        try lib.execute("PRAGMA ignore_check_constraints = ON; UPDATE secret_versions SET source = 'magic'")
        #expect(throws: CredVaultError.malformedRecord(table: "secret_versions", key: "contoso.com version 1", column: "source")) {
            _ = try lib.vault.history(forest: "contoso.com")
        }
    }

    @Test("a fingerprint that is not 32 hex digits")
    func badFingerprint() throws {
        let lib = try Self.vaultWithVersion()
        try lib.execute("UPDATE secret_versions SET fingerprint = 'zz'")
        #expect(throws: CredVaultError.malformedRecord(table: "secret_versions", key: "contoso.com version 1", column: "fingerprint")) {
            _ = try lib.vault.history(forest: "contoso.com")
        }
    }

    @Test("a text where the ciphertext blob belongs")
    func textForBlob() throws {
        let lib = try Self.vaultWithVersion()
        try lib.execute("UPDATE secret_versions SET ciphertext = 'text'")
        #expect(throws: CredVaultError.malformedRecord(table: "secret_versions", key: "contoso.com version 1", column: "ciphertext")) {
            _ = try lib.vault.get(forest: "contoso.com")
        }
    }

    @Test("KDF parameters beyond what credvault writes are refused before any Argon2id runs")
    func absurdKDF() throws {
        let lib = try LibraryVault()
        let salt = String(repeating: "00", count: Salt.byteCount)
        // A passphrase slot row asking for 100 GB (its wrap is junk: the cap must refuse first).
        try lib.execute("""
            INSERT INTO key_slots (id, kind, label, created_at, kdf_salt, kdf_opslimit, kdf_memlimit, kdf_alg, nonce, wrapped_key, key_check)
            VALUES ('feedfacefeedface', 'passphrase', 'passphrase', '2026-01-01T00:00:00.000Z', X'\(salt)', 2,
                    100000000000, 2, zeroblob(24), zeroblob(48), zeroblob(32))
            """)
        #expect(throws: CredVaultError.malformedRecord(table: "key_slots", key: "feedfacefeedface", column: "kdf_memlimit")) {
            _ = try lib.vault.keySlots()
        }
        try lib.execute("UPDATE key_slots SET kdf_memlimit = 67108864, kdf_opslimit = 1000000000 WHERE id = 'feedfacefeedface'")
        #expect(throws: CredVaultError.malformedRecord(table: "key_slots", key: "feedfacefeedface", column: "kdf_opslimit")) {
            _ = try lib.vault.keySlots()
        }
    }
}

import Foundation
import GRDB

/// Forests and their versions. The statements `get` and `set` run on every call are cached
/// per connection (bench/NOTES.md counts their instructions).
extension StoreTransaction {
    /// The forest named `name`.
    func forest(named name: String) throws -> ForestRecord? {
        let statement = try db.cachedStatement(sql: "SELECT \(ForestRecord.columns) FROM forests WHERE name = ?")
        return try Row.fetchOne(statement, arguments: [name]).map(ForestRecord.init(row:))
    }

    func forestExists(_ name: String) throws -> Bool {
        try Row.fetchOne(db.cachedStatement(sql: "SELECT 1 FROM forests WHERE name = ?"), arguments: [name]) != nil
    }

    /// Every forest, by name.
    func allForests() throws -> [ForestRecord] {
        try Row.fetchAll(db, sql: "SELECT \(ForestRecord.columns) FROM forests ORDER BY name").map(ForestRecord.init(row:))
    }

    /// Calls `body` with every forest, by name, one row at a time (a cursor: `list --json`
    /// of a large vault holds one row, not all of them).
    func forEachForest(_ body: (ForestRecord) throws -> Void) throws {
        let rows = try Row.fetchCursor(db, sql: "SELECT \(ForestRecord.columns) FROM forests ORDER BY name")
        while let row = try rows.next() { try body(ForestRecord(row: row)) }
    }

    /// Inserts the row, or updates its account, version and time.
    func upsertForest(_ forest: ForestRecord) throws {
        try db.cachedStatement(sql: """
            INSERT INTO forests (name, account, current_version, created_at, updated_at) VALUES (?, ?, ?, ?, ?)
            ON CONFLICT(name) DO UPDATE SET account = excluded.account,
                current_version = excluded.current_version, updated_at = excluded.updated_at
            """).execute(arguments: [forest.name, forest.account, forest.currentVersion, forest.createdAt, forest.updatedAt])
    }

    // MARK: Versions

    /// Version `version` of `forest`.
    func version(_ version: Int, of forest: String) throws -> SecretVersionRecord? {
        let statement = try db.cachedStatement(
            sql: "SELECT \(SecretVersionRecord.columns) FROM secret_versions WHERE forest = ? AND version = ?")
        return try Row.fetchOne(statement, arguments: [forest, version]).map(SecretVersionRecord.init(row:))
    }

    /// Every version of `forest`, oldest first.
    func versions(of forest: String) throws -> [SecretVersionRecord] {
        try Row.fetchAll(
            db, sql: "SELECT \(SecretVersionRecord.columns) FROM secret_versions WHERE forest = ? ORDER BY version",
            arguments: [forest]).map(SecretVersionRecord.init(row:))
    }

    /// Every version of `forest` without its ciphertext, oldest first.
    func versionStamps(of forest: String) throws -> [VersionStamp] {
        let statement = try db.cachedStatement(
            sql: "SELECT version, fingerprint, created_at FROM secret_versions WHERE forest = ? ORDER BY version")
        return try Row.fetchAll(statement, arguments: [forest]).map { (row) throws(CredVaultError) in
            try VersionStamp(row: row, forest: forest)
        }
    }

    func insertVersion(_ record: SecretVersionRecord) throws {
        try db.cachedStatement(sql: """
            INSERT INTO secret_versions (\(SecretVersionRecord.columns))
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: record.arguments)
    }

    func versionCount() throws -> Int {
        try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM secret_versions") ?? 0
    }

    /// Every version of every forest, by forest and version.
    func allVersions() throws -> [SecretVersionRecord] {
        try Row.fetchAll(db, sql: "SELECT \(SecretVersionRecord.columns) FROM secret_versions ORDER BY forest, version")
            .map(SecretVersionRecord.init(row:))
    }

    /// Replaces a version's ciphertext and fingerprint after a rekey sealed it again.
    func reseal(_ record: SecretVersionRecord, as sealed: SealedBox, fingerprint: Fingerprint, keyGeneration: Int) throws {
        try db.cachedStatement(sql: """
            UPDATE secret_versions SET nonce = ?, ciphertext = ?, fingerprint = ?, key_generation = ?
            WHERE forest = ? AND version = ?
            """).execute(arguments: [Data(sealed.nonce.bytes), Data(sealed.ciphertext), fingerprint.hex, keyGeneration,
                                     record.forest, record.version])
    }
}

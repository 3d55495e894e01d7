import Foundation
import GRDB

/// Forests and their versions. The statements `get` and `set` run on every call are cached
/// per connection (bench/NOTES.md counts their instructions). Every row read is checked
/// against its MAC (`rows`), every row written carries one.
extension StoreTransaction {
    /// The forest named `name`.
    func forest(named name: String) throws -> ForestRecord? {
        // Bound and read raw: import looks a forest up for every record.
        var binder = StatementBinder(try importStatements?.forest ?? db.cachedStatement(sql: StoreTransaction.forestSQL))
        binder.bind(name)
        var found: ForestRecord?
        try binder.forEachRow { row in
            found = try checkedForest(columns: StatementRow(row, table: "forests"))
            return false
        }
        return found
    }

    static let forestSQL = "SELECT \(ForestRecord.columns) FROM forests WHERE name = ?"

    func forestExists(_ name: String) throws -> Bool {
        try Row.fetchOne(db.cachedStatement(sql: "SELECT 1 FROM forests WHERE name = ?"), arguments: [name]) != nil
    }

    /// Every forest, by name.
    func allForests() throws -> [ForestRecord] {
        try Row.fetchAll(db, sql: "SELECT \(ForestRecord.columns) FROM forests ORDER BY name").map(checkedForest)
    }

    /// Calls `body` with every forest, by name, one row at a time (a cursor: `list --json`
    /// of a large vault holds one row, not all of them).
    func forEachForest(_ body: (ForestRecord) throws -> Void) throws {
        let statement = try db.makeStatement(sql: "SELECT \(ForestRecord.columns) FROM forests ORDER BY name")
        try StatementBinder(statement).forEachRow { row in
            try body(checkedForest(columns: StatementRow(row, table: "forests")))
            return true
        }
    }

    private func checkedForest(_ row: Row) throws -> ForestRecord {
        try checkedForest(columns: CheckedRow(row, table: "forests"))
    }

    private func checkedForest(columns: some CheckedColumns) throws -> ForestRecord {
        let record = try ForestRecord(columns: columns)
        return try checked(record, columns, macAt: ForestRecord.macIndex, table: "forests", key: record.name)
    }

    /// Inserts the row, or replaces its account, version, time and push count; with its MAC.
    func upsertForest(_ forest: ForestRecord) throws {
        try (importStatements?.upsertForest ?? db.cachedStatement(sql: StoreTransaction.upsertForestSQL)).bindAndExecute { binder in
            binder.bind(forest.name); binder.bind(forest.account); binder.bind(forest.currentVersion)
            binder.bind(forest.createdAt); binder.bind(forest.updatedAt); binder.bind(forest.pushCount)
            binder.bind(forest.connectorCount); binder.bind(bytes: try mac(of: forest))
        }
    }

    static let upsertForestSQL = """
        INSERT INTO forests (\(ForestRecord.columns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
        ON CONFLICT(name) DO UPDATE SET account = excluded.account,
            current_version = excluded.current_version, created_at = excluded.created_at,
            updated_at = excluded.updated_at, push_count = excluded.push_count,
            connector_count = excluded.connector_count, mac = excluded.mac
        """

    /// The names of forests that have versions but no forest row (a row deleted behind the vault's back).
    func orphanedVersionForests() throws -> [String] {
        // DISTINCT first: one lookup in forests per forest instead of one per version, on an
        // index-only walk of the versions' primary key that is already in name order (1,000,000
        // versions of 100,000 forests: 0.46 s -> 0.18 s in the sqlite3 shell).
        try String.fetchAll(db, sql: """
            SELECT forest FROM (SELECT DISTINCT forest FROM secret_versions) WHERE forest NOT IN (SELECT name FROM forests) ORDER BY forest
            """)
    }

    func versionsExist(of forest: String) throws -> Bool {
        try Row.fetchOne(db, sql: "SELECT 1 FROM secret_versions WHERE forest = ? LIMIT 1", arguments: [forest]) != nil
    }

    // MARK: Versions

    /// Version `version` of `forest`.
    func version(_ version: Int, of forest: String) throws -> SecretVersionRecord? {
        guard let (record, stored) = try versionRow(version, of: forest) else { return nil }
        try verifyVersion(record, stored: stored)
        return record
    }

    /// Version `version` of `forest` and its stored MAC, not checked yet: `get` opens the
    /// ciphertext first, so a ciphertext moved between rows is reported as the damaged
    /// version it is (and audited) before the row MAC is checked.
    func versionRow(_ version: Int, of forest: String) throws -> (SecretVersionRecord, [UInt8]?)? {
        let statement = try db.cachedStatement(
            sql: "SELECT \(SecretVersionRecord.columns) FROM secret_versions WHERE forest = ? AND version = ?")
        guard let row = try Row.fetchOne(statement, arguments: [forest, version]) else { return nil }
        let record = try SecretVersionRecord(row: row)
        let key = "\(record.forest) version \(record.version)"
        return (record, try CheckedRow(row, table: "secret_versions", key: key).optionalBytes(SecretVersionRecord.macIndex, "mac"))
    }

    func verifyVersion(_ record: SecretVersionRecord, stored: [UInt8]?) throws {
        try rows?.verify(record, stored: stored, table: "secret_versions", key: "\(record.forest) version \(record.version)")
    }

    /// Every version of `forest`, oldest first.
    func versions(of forest: String) throws -> [SecretVersionRecord] {
        try Row.fetchAll(
            db, sql: "SELECT \(SecretVersionRecord.columns) FROM secret_versions WHERE forest = ? ORDER BY version",
            arguments: [forest]).map(checkedVersion)
    }

    /// Every version of `forest` as number, fingerprint and time, oldest first (each row checked).
    func versionStamps(of forest: String) throws -> [VersionStamp] {
        try versions(of: forest).map(VersionStamp.init(record:))
    }

    private func checkedVersion(_ row: Row) throws -> SecretVersionRecord {
        let record = try SecretVersionRecord(row: row)
        return try checked(record, row, macAt: SecretVersionRecord.macIndex, table: "secret_versions",
                           key: "\(record.forest) version \(record.version)")
    }

    func insertVersion(_ record: SecretVersionRecord) throws {
        // An import runs with SQLite's CHECKs off (`preparingImport`): the same check, here,
        // failing as SQLite would.
        if importStatements != nil, !record.meetsSchemaChecks {
            throw DatabaseError(resultCode: .SQLITE_CONSTRAINT_CHECK, message: "CHECK constraint failed: secret_versions")
        }
        try (importStatements?.insertVersion ?? db.cachedStatement(sql: StoreTransaction.insertVersionSQL)).bindAndExecute { binder in
            record.bind(to: &binder, mac: try mac(of: record))
        }
    }

    static let insertVersionSQL = """
        INSERT INTO secret_versions (\(SecretVersionRecord.columns))
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """

    func versionCount() throws -> Int {
        try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM secret_versions") ?? 0
    }

    /// Every version of every forest, by forest and version.
    func allVersions() throws -> [SecretVersionRecord] {
        try Row.fetchAll(db, sql: "SELECT \(SecretVersionRecord.columns) FROM secret_versions ORDER BY forest, version")
            .map(checkedVersion)
    }

    /// Stores `resealed` (a rekey sealed it again: nonce, ciphertext, fingerprint, key generation) with its MAC.
    func reseal(_ resealed: SecretVersionRecord) throws {
        try db.cachedStatement(sql: """
            UPDATE secret_versions SET nonce = ?, ciphertext = ?, fingerprint = ?, key_generation = ?, mac = ?
            WHERE forest = ? AND version = ?
            """).execute(arguments: [Data(resealed.sealed.nonce.bytes), Data(resealed.sealed.ciphertext),
                                     resealed.fingerprint.hex, resealed.keyGeneration, Data(try mac(of: resealed)),
                                     resealed.forest, resealed.version])
    }
}

import GRDB

/// The connection settings and held statements of an import's one transaction.
extension StoreTransaction {
    /// How much page cache an import's transaction may use, in KiB (SQLite's negative
    /// `cache_size`; the connection's default is 2,000). Every record inserts into three
    /// indexes at places spread over the whole file (versions and audit events by forest,
    /// forests by name): with the default cache, a large import re-reads and spills pages to
    /// the WAL for most records. 20 MiB keeps the 1,000,000-record import under 64 MiB
    /// (bench/NOTES.md, "import at scale").
    static let importCacheKiB = 20 << 10

    /// Runs `body` with a copy of this transaction that holds the import's statements, with
    /// the import's page cache, and with SQLite's CHECK constraints left to `insertVersion`
    /// (see `SecretVersionRecord.meetsSchemaChecks`); the connection's settings are put back
    /// afterwards, whether `body` throws or not. Durability is untouched: `synchronous` stays
    /// FULL and everything still commits, or not, as one transaction.
    func preparingImport<R>(_ body: (StoreTransaction) throws -> R) throws -> R {
        let cacheSize = try Int.fetchOne(db, sql: "PRAGMA cache_size") ?? -2000
        // Why CHECKs are skipped: `secret_versions` checks `source IN (...)`, and SQLite 3.40
        // builds a temporary b-tree for that list on every INSERT (about 40,000 instructions,
        // a fifth of an imported record). Changing the pragma makes SQLite recompile the
        // statements it affects, and again when it is put back.
        try db.execute(sql: "PRAGMA cache_size = -\(StoreTransaction.importCacheKiB)")
        try db.execute(sql: "PRAGMA ignore_check_constraints = ON")
        defer {
            try? db.execute(sql: "PRAGMA ignore_check_constraints = OFF")
            try? db.execute(sql: "PRAGMA cache_size = \(cacheSize)")
        }
        var importing = self
        importing.importStatements = ImportStatements(
            forest: try db.cachedStatement(sql: StoreTransaction.forestSQL),
            upsertForest: try db.cachedStatement(sql: StoreTransaction.upsertForestSQL),
            insertVersion: try db.cachedStatement(sql: StoreTransaction.insertVersionSQL),
            insertAuditEvent: try db.cachedStatement(sql: StoreTransaction.insertAuditEventSQL))
        return try body(importing)
    }
}

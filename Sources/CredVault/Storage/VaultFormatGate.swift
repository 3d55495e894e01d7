import GRDB

/// Refuses a vault written by a newer credvault before anything is written to it.
///
/// A newer release may add a migration, raise vault_meta.format_version or set SQLite's
/// user_version. This binary cannot know what such a change means (a new column that must be
/// authenticated, a new key layout), and running its own migrations or writes on top could
/// damage the file for the release that made it. Values are read as raw database values: a
/// wrong type is reported, never trapped on.
enum VaultFormatGate {
    /// SQLite's user_version on every vault this binary writes (GRDB's migrator leaves it at 0).
    static let knownUserVersion: Int64 = 0

    /// Throws for a vault this binary must not touch. Returns whether every migration of
    /// `Schema.migrator` is applied (GRDB's `hasCompletedMigrations`, answered from the
    /// migration rows this check reads anyway, so a current vault is not read twice).
    @discardableResult
    static func refuseNewer(_ db: Database, path: String) throws -> Bool {
        let userVersion = try Int64.fetchOne(db, sql: "PRAGMA user_version") ?? 0
        if userVersion > knownUserVersion { throw newer(path, format: "\(userVersion)") }
        // One plain read of the catalog rather than GRDB's `tableExists`, which loads and
        // decodes the whole schema description (3.1 M instructions of every command's open).
        let tables = try DatabaseValue.fetchAll(
            db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name IN ('grdb_migrations', 'vault_meta')"
        ).compactMap(String.fromDatabaseValue)
        var complete = false
        if tables.contains("grdb_migrations") {
            var unapplied = Set(Schema.migrator.migrations)
            let known = unapplied
            for value in try DatabaseValue.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations") {
                guard let name = String.fromDatabaseValue(value) else {
                    throw CredVaultError.integrity("the vault \(path) has a malformed migration row")
                }
                if !known.contains(name) { throw newer(path, format: "with migration \(FreeText.escaped(String(name.prefix(40))))") }
                unapplied.remove(name)
            }
            complete = unapplied.isEmpty
        }
        if tables.contains("vault_meta"),
           let value = try DatabaseValue.fetchOne(db, sql: "SELECT format_version FROM vault_meta WHERE id = 1") {
            guard case .int64(let format) = value.storage else {
                throw CredVaultError.integrity("the vault \(path) has a malformed format_version")
            }
            if format > Int64(Vault.formatVersion) { throw newer(path, format: "\(format)") }
        }
        return complete
    }

    private static func newer(_ path: String, format: String) -> CredVaultError {
        .invalidInput("the vault \(path) was made by a newer credvault (format \(format)); this one knows format "
            + "\(Vault.formatVersion) and changed nothing: use a newer credvault")
    }
}

import GRDB
internal import GRDBSQLite
#if canImport(Glibc)
import Glibc
#endif

/// `list`'s read: every forest by name with its current version, from one statement that
/// SQLite answers by walking the forests' primary key and looking each current version up
/// in the versions' primary key (no sort, no statement per forest). Each row is checked as
/// `forest(named:)` and `version(_:of:)` check it, in the same order.
extension StoreTransaction {
    private static let forestListing = """
        SELECT f.name, f.account, f.current_version, f.created_at, f.updated_at, f.push_count, f.connector_count, f.mac,
            v.forest, v.version, v.account, v.created_at, v.actor, v.source, v.reason, v.rolled_back_from, v.nonce,
            v.ciphertext, v.fingerprint, v.key_generation, v.mac
        FROM forests AS f LEFT JOIN secret_versions AS v ON v.forest = f.name AND v.version = f.current_version
        ORDER BY f.name
        """
    /// Where the version's columns start.
    private static let versionColumns: Int32 = 8

    /// Calls `body` with every forest, by name, and its checked current version's time (nil
    /// when that row is missing), one row at a time.
    func forEachForestWithCurrentVersion(_ body: (ForestRecord, _ currentCreatedAt: String?) throws -> Void) throws {
        let statement = try db.makeStatement(sql: StoreTransaction.forestListing)
        var encoder = CanonicalEncoder(capacity: 512)
        try StatementBinder(statement).forEachRow { raw in
            let columns = StatementRow(raw, table: "forests")
            let forest = try ForestRecord(columns: columns)
            _ = try checked(forest, columns, macAt: ForestRecord.macIndex, table: "forests", key: forest.name)
            try body(forest, try currentCreatedAt(raw, of: forest, encoder: &encoder))
            return true
        }
    }

    /// The time of `forest`'s current version, its row checked; nil when there is none.
    private func currentCreatedAt(_ raw: SQLiteStatement, of forest: ForestRecord, encoder: inout CanonicalEncoder) throws -> String? {
        // A row the join cannot vouch for (or no version at all): the lookup `get` makes.
        guard StoreTransaction.joinedAsLookedUp(raw, forest) else {
            return try version(forest.currentVersion, of: forest.name)?.createdAt
        }
        if let createdAt = try authenticCreatedAt(raw, encoder: &encoder) { return createdAt }
        let columns = ShiftedColumns(StatementRow(raw, table: "secret_versions"), by: Int(StoreTransaction.versionColumns))
        let record = try SecretVersionRecord(columns: columns)
        return try checked(record, columns, macAt: SecretVersionRecord.macIndex, table: "secret_versions",
                           key: "\(record.forest) version \(record.version)").createdAt
    }

    /// The joined version's `created_at` when its columns hold the types credvault writes
    /// (texts without a NUL), its ciphertext has the shape `SealedBox` takes, and its stored
    /// MAC is the one over them: the verdict `SecretVersionRecord(columns:)` and `checked`
    /// reach for such a row, without making the record (its canonical bytes are
    /// `SecretVersionRecord.canonicalBytes`'s, field for field). Nil sends the row down that
    /// full path, which words whatever is wrong.
    private func authenticCreatedAt(_ raw: SQLiteStatement, encoder: inout CanonicalEncoder) throws -> String? {
        guard let rows else { return nil }
        let first = StoreTransaction.versionColumns
        func type(_ index: Int32) -> Int32 { sqlite3_column_type(raw, first + index) }
        func bytes(_ index: Int32) -> UnsafeRawBufferPointer {
            guard let pointer = sqlite3_column_blob(raw, first + index) else { return UnsafeRawBufferPointer(start: nil, count: 0) }
            return UnsafeRawBufferPointer(start: pointer, count: Int(sqlite3_column_bytes(raw, first + index)))
        }
        func text(_ index: Int32) -> UnsafeRawBufferPointer? {
            guard type(index) == SQLITE_TEXT else { return nil }
            let value = bytes(index)
            return value.isEmpty || memchr(value.baseAddress!, 0, value.count) == nil ? value : nil
        }
        guard let forest = text(0), type(1) == SQLITE_INTEGER, let account = text(2), let createdAt = text(3),
              let actor = text(4), let source = text(5), type(6) == SQLITE_NULL || text(6) != nil,
              type(7) == SQLITE_NULL || type(7) == SQLITE_INTEGER, type(8) == SQLITE_BLOB, bytes(8).count == Nonce.byteCount,
              type(9) == SQLITE_BLOB, bytes(9).count >= SealedBox.tagByteCount, let fingerprint = text(10),
              type(11) == SQLITE_INTEGER, type(12) == SQLITE_BLOB else { return nil }
        encoder.reset()
        encoder.append(SecretVersionRecord.macTag)
        encoder.append(rows.vaultID)
        encoder.append(forest)
        encoder.append(sqlite3_column_int64(raw, first + 1))
        encoder.append(account)
        encoder.append(createdAt)
        encoder.append(actor)
        encoder.append(source)
        if let reason = text(6) { encoder.append(reason) } else { encoder.appendAbsent() }
        if type(7) == SQLITE_NULL { encoder.appendAbsent() } else { encoder.append(sqlite3_column_int64(raw, first + 7)) }
        encoder.append(bytes(8))
        encoder.append(fingerprint)
        encoder.append(sqlite3_column_int64(raw, first + 11))
        guard try rows.matches(canonical: encoder.bytes, stored: bytes(12)) else { return nil }
        return String(decoding: createdAt, as: UTF8.self)
    }

    /// Whether the joined version is the row `version(forest.currentVersion, of: forest.name)`
    /// finds: a version was joined and the forest's key columns hold exactly what was read
    /// (TEXT without a NUL or invalid UTF-8, an INTEGER version). Only a row edited by hand
    /// fails this; it then takes the lookup.
    private static func joinedAsLookedUp(_ raw: SQLiteStatement, _ forest: ForestRecord) -> Bool {
        guard sqlite3_column_type(raw, versionColumns) != SQLITE_NULL, sqlite3_column_type(raw, 0) == SQLITE_TEXT,
              sqlite3_column_type(raw, 2) == SQLITE_INTEGER, let name = sqlite3_column_blob(raw, 0) else { return false }
        let length = Int(sqlite3_column_bytes(raw, 0))
        var stored = forest.name
        return stored.withUTF8 { $0.count == length && length > 0 && memcmp($0.baseAddress!, name, length) == 0 }
    }
}

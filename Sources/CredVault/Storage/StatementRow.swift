import GRDB
internal import GRDBSQLite

/// The current row of a raw SQLite statement, read by position with the conversions GRDB
/// would make through `CheckedRow` (the same values, the same `malformedRecord` errors),
/// without building a `Row` of `DatabaseValue`s first.
///
/// Hot reads use it: import's forest lookup (one per record), `list --json` (one per forest).
/// A wrong-typed column is an error, never a trap. Valid only until the statement steps again.
struct StatementRow: CheckedColumns {
    private let raw: SQLiteStatement
    let table: String
    var key: String

    init(_ raw: SQLiteStatement, table: String, key: String = "?") {
        self.raw = raw
        self.table = table
        self.key = key
    }

    private func type(_ index: Int) -> Int32 {
        index < Int(sqlite3_column_count(raw)) ? sqlite3_column_type(raw, Int32(index)) : SQLITE_NULL
    }

    func malformed(_ column: String) -> CredVaultError {
        .malformedRecord(table: table, key: key, column: column)
    }

    /// The bytes of a text or blob column. Valid until the next step.
    private func bytes(_ index: Int) -> UnsafeRawBufferPointer {
        // column_blob first, then column_bytes: the order SQLite documents as safe.
        guard let pointer = sqlite3_column_blob(raw, Int32(index)) else { return UnsafeRawBufferPointer(start: nil, count: 0) }
        return UnsafeRawBufferPointer(start: pointer, count: Int(sqlite3_column_bytes(raw, Int32(index))))
    }

    func optionalText(_ index: Int, _ column: String) throws(CredVaultError) -> String? {
        switch type(index) {
        case SQLITE_NULL: return nil
        // As GRDB reads a TEXT column: up to its first NUL, invalid UTF-8 repaired.
        case SQLITE_TEXT:
            guard let text = sqlite3_column_text(raw, Int32(index)) else { return "" }
            return String(cString: text)
        // As GRDB converts a BLOB to a String: only when it is valid UTF-8.
        case SQLITE_BLOB:
            guard let text = String(validating: bytes(index), as: UTF8.self) else { throw malformed(column) }
            return text
        default: throw malformed(column)
        }
    }

    func optionalInteger(_ index: Int, _ column: String) throws(CredVaultError) -> Int? {
        switch type(index) {
        case SQLITE_NULL: return nil
        case SQLITE_INTEGER: return Int(sqlite3_column_int64(raw, Int32(index)))
        // GRDB's Int64.fromDatabaseValue: a REAL in range, truncated.
        case SQLITE_FLOAT:
            let double = sqlite3_column_double(raw, Int32(index))
            guard double >= Double(Int64.min), double < Double(Int64.max) else { throw malformed(column) }
            return Int(Int64(double))
        default: throw malformed(column)
        }
    }

    func optionalBytes(_ index: Int, _ column: String) throws(CredVaultError) -> [UInt8]? {
        switch type(index) {
        case SQLITE_NULL: return nil
        case SQLITE_BLOB: return [UInt8](bytes(index))
        default: throw malformed(column)
        }
    }
}

extension StatementRow {
    /// GRDB's `Data` conversion: a BLOB's bytes, or a TEXT's UTF-8 (as GRDB reads the text).
    func dataBytes(_ index: Int, _ column: String) throws(CredVaultError) -> [UInt8] {
        switch type(index) {
        case SQLITE_BLOB: return [UInt8](bytes(index))
        case SQLITE_TEXT: return Array(try text(index, column).utf8)
        default: throw malformed(column)
        }
    }
}

extension StatementRow {
    /// Column `index`'s value, read once: the `sqlite3_value_*` accessors below then take no
    /// mutex (one `sqlite3_column_*` call per type, pointer and length took three). The
    /// connection is GRDB's, used by one thread at a time, as this unprotected value needs.
    private func storedValue(_ index: Int) -> OpaquePointer? {
        index < Int(sqlite3_column_count(raw)) ? sqlite3_column_value(raw, Int32(index)) : nil
    }

    private static func bytes(of value: OpaquePointer) -> UnsafeRawBufferPointer {
        guard let pointer = sqlite3_value_blob(value) else { return UnsafeRawBufferPointer(start: nil, count: 0) }
        return UnsafeRawBufferPointer(start: pointer, count: Int(sqlite3_value_bytes(value)))
    }

    /// A TEXT column's bytes when they read back unchanged as a String (no NUL: GRDB stops at
    /// the first); nil for any other type. For reads that check bytes without making values.
    func plainText(_ index: Int) -> UnsafeRawBufferPointer? {
        guard let value = storedValue(index), sqlite3_value_type(value) == SQLITE_TEXT else { return nil }
        let text = StatementRow.bytes(of: value)
        return RawBytes.containsNUL(text) ? nil : text
    }

    /// `plainText`, with NULL as `.some(nil)`.
    func optionalPlainText(_ index: Int) -> UnsafeRawBufferPointer?? {
        type(index) == SQLITE_NULL ? .some(nil) : plainText(index).map { .some($0) }
    }

    /// A BLOB column's bytes; nil for any other type.
    func blob(_ index: Int) -> UnsafeRawBufferPointer? {
        guard let value = storedValue(index), sqlite3_value_type(value) == SQLITE_BLOB else { return nil }
        return StatementRow.bytes(of: value)
    }

    /// A column SQLite stores as INTEGER; nil for any other type.
    func storedInteger(_ index: Int) -> Int64? {
        guard let value = storedValue(index), sqlite3_value_type(value) == SQLITE_INTEGER else { return nil }
        return sqlite3_value_int64(value)
    }

    /// `storedInteger`, with NULL as `.some(nil)`.
    func optionalStoredInteger(_ index: Int) -> Int64?? {
        type(index) == SQLITE_NULL ? .some(nil) : storedInteger(index).map { .some($0) }
    }
}

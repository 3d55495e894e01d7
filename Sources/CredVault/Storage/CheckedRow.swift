import GRDB

/// A fetched row read by column position with checked conversions.
///
/// GRDB's non-optional `row[i]` subscripts stop the process when a stored value has another
/// type, and a plain `String(rawValue:) ?? default` hides a damaged row. A row edited with
/// the sqlite3 shell must do neither: a NULL where a value belongs, a value of another type,
/// or an enum value this code never writes is a `malformedRecord` integrity error.
struct CheckedRow: CheckedColumns {
    let row: Row
    let table: String
    /// The row's key as people name it (a forest, `forest v3`, a slot id), for the error.
    var key: String

    init(_ row: Row, table: String, key: String = "?") {
        self.row = row
        self.table = table
        self.key = key
    }

    func malformed(_ column: String) -> CredVaultError {
        .malformedRecord(table: table, key: key, column: column)
    }

    /// The stored value, whatever its type: reading a `DatabaseValue` never traps. A column
    /// the row does not have (a row built by hand with fewer columns) reads as NULL rather
    /// than tripping GRDB's index precondition.
    private func stored(_ index: Int) -> DatabaseValue {
        index < row.count ? row[index] : .null
    }

    func value<T: DatabaseValueConvertible>(_ index: Int, _ column: String, as type: T.Type = T.self) throws(CredVaultError) -> T {
        guard let value = T.fromDatabaseValue(stored(index)) else { throw malformed(column) }
        return value
    }

    func optional<T: DatabaseValueConvertible>(_ index: Int, _ column: String, as type: T.Type = T.self) throws(CredVaultError) -> T? {
        let value = stored(index)
        if value.isNull { return nil }
        guard let decoded = T.fromDatabaseValue(value) else { throw malformed(column) }
        return decoded
    }

    func optionalText(_ index: Int, _ column: String) throws(CredVaultError) -> String? {
        try optional(index, column, as: String.self)
    }

    func optionalInteger(_ index: Int, _ column: String) throws(CredVaultError) -> Int? {
        try optional(index, column, as: Int.self)
    }

    func optionalBytes(_ index: Int, _ column: String) throws(CredVaultError) -> [UInt8]? {
        let value = stored(index)
        if value.isNull { return nil }
        guard case .blob(let data) = value.storage else { throw malformed(column) }
        return [UInt8](data)
    }
}

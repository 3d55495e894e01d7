import GRDB

/// One transaction on the vault's database, as `VaultDatabase.read` and `writeTransaction`
/// lend it. Its methods, in the `StoreTransaction+*.swift` files beside it, are named after
/// what the vault does (look up a forest, insert a version, replace the passphrase slots,
/// append an audit event) and hold all of the code base's SQL.
///
/// `rows` checks every authenticated row read and MACs every one written; it is nil only
/// before the vault is unlocked (header and key slots are read to unlock it) and in tests
/// that edit rows behind the vault's back on purpose, which is what `db` is for.
struct StoreTransaction {
    let db: Database
    var rows: RowAuthenticator?
    /// The per-record statements of an import, looked up once for its whole transaction
    /// (`StoreTransaction+Import`); nil elsewhere, where each call looks its statement up.
    var importStatements: ImportStatements?

    init(db: Database, rows: RowAuthenticator? = nil) {
        self.db = db
        self.rows = rows
    }

    /// `record`, after its stored MAC (column `index` of `row`) was checked.
    func checked<R: AuthenticatedRow>(_ record: R, _ row: Row, macAt index: Int, table: String, key: String) throws -> R {
        try checked(record, CheckedRow(row, table: table), macAt: index, table: table, key: key)
    }

    /// `checked` for a row read through any `CheckedColumns` (a raw statement's row, too).
    func checked<R: AuthenticatedRow>(
        _ record: R, _ columns: some CheckedColumns, macAt index: Int, table: String, key: String
    ) throws -> R {
        guard let rows else { return record }
        var columns = columns
        columns.key = key
        try rows.verify(record, stored: try columns.optionalBytes(index, "mac"), table: table, key: key)
        return record
    }

    /// The MAC to store with `record`.
    func mac(of record: some AuthenticatedRow) throws -> [UInt8] {
        guard let rows else { throw CredVaultError.crypto("a row was written before the vault was unlocked") }
        return try rows.mac(of: record)
    }
}

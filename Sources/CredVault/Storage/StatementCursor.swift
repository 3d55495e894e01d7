import GRDB
internal import GRDBSQLite

/// Steps a statement one row at a time under the caller's control: `StreamingCrossCheck`
/// merges two ordered reads, which a callback-driven `StatementBinder.forEachRow` cannot.
/// The statement is reset when the cursor goes; its `row` is valid until the next `next()`.
final class StatementCursor {
    private let statement: Statement
    private let table: String

    init(_ statement: Statement, table: String) {
        self.statement = statement
        self.table = table
        sqlite3_reset(statement.sqliteStatement)
    }

    deinit {
        sqlite3_reset(statement.sqliteStatement)
    }

    /// Steps to the next row; false at the end.
    func next() throws -> Bool {
        let code = sqlite3_step(statement.sqliteStatement)
        if code == SQLITE_DONE { return false }
        guard code == SQLITE_ROW else {
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: "reading \(table) failed")
        }
        return true
    }

    var row: StatementRow { StatementRow(statement.sqliteStatement, table: table) }
}

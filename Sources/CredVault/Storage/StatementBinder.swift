import GRDB
internal import GRDBSQLite

/// Fills in a cached GRDB statement's parameters with `sqlite3_bind_*` and steps it.
///
/// Why: `execute(arguments:)` and `Row.fetchOne(_:arguments:)` box every value in a
/// `StatementArguments` array of `DatabaseValueConvertible` existentials and bind them
/// through GRDB's generic path; for import's statements that was 37% of its instructions
/// (BENCHMARKS.md, "Scale, round 3"). GRDB still prepares, caches and owns the statement and
/// the connection, and the statement runs inside the transaction GRDB opened: this only
/// binds and steps. Text is bound with its byte length (no NUL scan); SQLite copies every
/// value (`SQLITE_TRANSIENT`), so nothing bound needs to outlive a call.
struct StatementBinder {
    private let raw: SQLiteStatement
    private var index: Int32 = 0
    /// The first failing bind's result code: reported by `execute` / `forEachRow`, which then do not step.
    private var failure: Int32 = SQLITE_OK

    init(_ statement: Statement) {
        raw = statement.sqliteStatement
        sqlite3_reset(raw)
        sqlite3_clear_bindings(raw)
    }

    /// SQLite's "copy the value now" destructor (`SQLITE_TRANSIENT` is a macro Swift does not import).
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    private mutating func record(_ code: Int32) {
        if failure == SQLITE_OK, code != SQLITE_OK { failure = code }
    }

    private mutating func position() -> Int32 {
        index += 1
        return index
    }

    mutating func bind(_ text: String) {
        var text = text
        let at = position()
        record(text.withUTF8 { sqlite3_bind_text(raw, at, $0.baseAddress, Int32($0.count), StatementBinder.transient) })
    }

    mutating func bind(_ text: String?) {
        guard let text else { record(sqlite3_bind_null(raw, position())); return }
        bind(text)
    }

    mutating func bind(_ number: Int64) {
        record(sqlite3_bind_int64(raw, position(), number))
    }

    mutating func bind(_ number: Int) {
        bind(Int64(number))
    }

    mutating func bind(_ number: Int?) {
        guard let number else { record(sqlite3_bind_null(raw, position())); return }
        bind(Int64(number))
    }

    /// A BLOB (an empty one too, never NULL).
    mutating func bind(bytes: [UInt8]) {
        let at = position()
        record(bytes.withUnsafeBytes { buffer in
            guard let base = buffer.baseAddress, buffer.count > 0 else { return sqlite3_bind_zeroblob(raw, at, 0) }
            return sqlite3_bind_blob(raw, at, base, Int32(buffer.count), StatementBinder.transient)
        })
    }

    /// Steps an INSERT or UPDATE to its end and resets it.
    func execute() throws {
        try forEachRow { _ in true }
    }

    /// Steps the statement, calling `body` with the statement at each row (false stops),
    /// then resets it. A failure throws the `DatabaseError` GRDB would have thrown.
    func forEachRow(_ body: (SQLiteStatement) throws -> Bool) throws {
        defer { sqlite3_reset(raw) }
        guard failure == SQLITE_OK else { throw error(failure) }
        while true {
            let code = sqlite3_step(raw)
            if code == SQLITE_DONE { return }
            guard code == SQLITE_ROW else { throw error(code) }
            guard try body(raw) else { return }
        }
    }

    private func error(_ code: Int32) -> DatabaseError {
        let message = sqlite3_errmsg(sqlite3_db_handle(raw)).map { String(cString: $0) }
        let sql = sqlite3_sql(raw).map { String(cString: $0) }
        return DatabaseError(resultCode: ResultCode(rawValue: code), message: message, sql: sql)
    }
}

extension Statement {
    /// Binds the parameters in order with `body`, then runs the statement (see `StatementBinder`).
    func bindAndExecute(_ body: (inout StatementBinder) throws -> Void) throws {
        var binder = StatementBinder(self)
        try body(&binder)
        try binder.execute()
    }
}

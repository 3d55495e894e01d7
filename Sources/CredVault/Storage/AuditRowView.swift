import GRDB
internal import GRDBSQLite

/// The current row of an `audit_events` query, read straight from the SQLite statement.
///
/// Two reasons not to go through `Row`: speed (`audit verify` walks a million events, and
/// the canonical bytes are built from the column pointers without making a String per
/// field), and robustness (a row edited with the sqlite3 shell may hold a NULL or a text
/// where a number belongs; GRDB's non-optional subscripts stop the process on that, this
/// view never does: such a row simply fails its MAC).
///
/// A view is valid only inside the `StoreTransaction` callback that lends it.
struct AuditRowView {
    /// The column order of every audit query (StoreTransaction+Audit.swift).
    static let columns =
        "seq, time, actor, uid, host, pid, action, forest, version, connector, outcome, fingerprint, reason, detail, mac"

    enum Column: Int32 {
        case seq = 0, time, actor, uid, host, pid, action, forest, version, connector, outcome,
             fingerprint, reason, detail, mac
    }

    private let raw: SQLiteStatement

    init(_ raw: SQLiteStatement) {
        self.raw = raw
    }

    var seq: Int64 { sqlite3_column_int64(raw, Column.seq.rawValue) }

    /// The stored MAC's bytes (empty for NULL). Valid until the next row.
    var mac: UnsafeRawBufferPointer { bytes(Column.mac.rawValue) }

    func isNull(_ column: Int32) -> Bool {
        sqlite3_column_type(raw, column) == SQLITE_NULL
    }

    /// The bytes of a text or blob column (empty for NULL). Valid until the next step.
    func bytes(_ column: Int32) -> UnsafeRawBufferPointer {
        // column_blob first, then column_bytes: the order SQLite documents as safe.
        guard let pointer = sqlite3_column_blob(raw, column) else { return UnsafeRawBufferPointer(start: nil, count: 0) }
        return UnsafeRawBufferPointer(start: pointer, count: Int(sqlite3_column_bytes(raw, column)))
    }

    /// A column's value, read once: the `sqlite3_value_*` accessors then take no mutex (one
    /// `sqlite3_column_*` call each for type, pointer and length took three). The connection
    /// is GRDB's, used by one thread at a time, as this unprotected value needs.
    private func columnValue(_ column: Column) -> OpaquePointer {
        sqlite3_column_value(raw, column.rawValue)
    }

    private static func bytes(of value: OpaquePointer) -> UnsafeRawBufferPointer {
        guard let pointer = sqlite3_value_blob(value) else { return UnsafeRawBufferPointer(start: nil, count: 0) }
        return UnsafeRawBufferPointer(start: pointer, count: Int(sqlite3_value_bytes(value)))
    }

    /// A column's bytes when SQLite stores it as TEXT; nil for any other type, NULL included.
    func text(_ column: Column) -> UnsafeRawBufferPointer? {
        let value = columnValue(column)
        return sqlite3_value_type(value) == SQLITE_TEXT ? AuditRowView.bytes(of: value) : nil
    }

    /// A column SQLite stores as INTEGER; nil for any other type, NULL included.
    func storedInteger(_ column: Column) -> Int64? {
        let value = columnValue(column)
        return sqlite3_value_type(value) == SQLITE_INTEGER ? sqlite3_value_int64(value) : nil
    }

    /// An integer column; nil for NULL (SQLite converts any other type, as `event` reads it).
    func integer(_ column: Column) -> Int64? {
        isNull(column.rawValue) ? nil : sqlite3_column_int64(raw, column.rawValue)
    }

    /// Appends the row's canonical bytes to `encoder` exactly as `AuditEvent.canonicalBytes`
    /// makes them, with `seq` in place of the stored one.
    func appendCanonical(seq: Int64, to encoder: inout some CanonicalSink) {
        // A required column that holds NULL encodes as absent: it can never match a MAC
        // made over the real value.
        func text(_ column: Column) {
            let value = columnValue(column)
            if sqlite3_value_type(value) == SQLITE_NULL { encoder.appendAbsent(); return }
            encoder.append(AuditRowView.bytes(of: value))
        }
        func integer(_ column: Column) {
            let value = columnValue(column)
            if sqlite3_value_type(value) == SQLITE_NULL { encoder.appendAbsent(); return }
            encoder.append(sqlite3_value_int64(value))
        }
        encoder.append(bytes: AuditRowView.tag)
        encoder.append(seq)
        text(.time)
        text(.actor)
        integer(.uid)
        text(.host)
        integer(.pid)
        text(.action)
        text(.forest)
        integer(.version)
        text(.connector)
        text(.outcome)
        text(.fingerprint)
        text(.reason)
        text(.detail)
    }

    private static let tag: [UInt8] = Array(AuditEvent.canonicalTag.utf8)

    /// The row as an `AuditEvent`, whatever its column types (never traps).
    var event: AuditEvent {
        func text(_ column: Column) -> String? {
            if isNull(column.rawValue) { return nil }
            return String(decoding: bytes(column.rawValue), as: UTF8.self)
        }
        func integer(_ column: Column) -> Int64? {
            if isNull(column.rawValue) { return nil }
            return sqlite3_column_int64(raw, column.rawValue)
        }
        return AuditEvent(
            seq: seq,
            time: text(.time) ?? "",
            actor: text(.actor) ?? "",
            uid: integer(.uid) ?? -1,
            host: text(.host) ?? "",
            pid: integer(.pid) ?? -1,
            action: text(.action) ?? "",
            forest: text(.forest),
            version: integer(.version).map { Int(truncatingIfNeeded: $0) },
            connector: text(.connector),
            outcome: text(.outcome) ?? "",
            fingerprint: text(.fingerprint),
            reason: text(.reason),
            detail: text(.detail),
            mac: [UInt8](mac))
    }

    /// Steps `statement` and calls `body` with a view of each row; `body` returns false to stop.
    static func forEach(_ statement: Statement, _ body: (AuditRowView) throws -> Bool) throws {
        let raw = statement.sqliteStatement
        defer { sqlite3_reset(raw) }
        while true {
            let code = sqlite3_step(raw)
            if code == SQLITE_DONE { return }
            guard code == SQLITE_ROW else {
                throw DatabaseError(resultCode: ResultCode(rawValue: code), message: "reading the audit trail failed")
            }
            guard try body(AuditRowView(raw)) else { return }
        }
    }
}

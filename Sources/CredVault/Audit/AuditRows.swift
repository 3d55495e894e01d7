internal import CSodium
import GRDB
internal import GRDBSQLite

/// Reads `audit_events` rows straight from a SQLite statement.
///
/// Two reasons not to go through `Row` and `AuditEvent(row:)`: speed (`audit verify` walks a
/// million events, and the canonical bytes can be built from the column pointers without
/// making a String per field), and robustness (a row edited with the sqlite3 shell may hold a
/// NULL or a text where a number belongs; GRDB's non-optional subscripts stop the process on
/// that, this reader never does: such a row simply fails its MAC).
enum AuditRows {
    /// The column order every query of this file uses.
    static let columns =
        "seq, time, actor, uid, host, pid, action, forest, version, connector, outcome, fingerprint, reason, detail, mac"

    private enum Column: Int32 {
        case seq = 0, time, actor, uid, host, pid, action, forest, version, connector, outcome,
             fingerprint, reason, detail, mac
    }

    /// Steps `statement` and calls `body` for each row. `body` reads the current row through
    /// the statement; nothing is copied unless it asks.
    static func forEach(
        _ statement: Statement, _ body: (SQLiteStatement) throws -> Bool
    ) throws {
        let raw = statement.sqliteStatement
        defer { sqlite3_reset(raw) }
        while true {
            let code = sqlite3_step(raw)
            if code == SQLITE_DONE { return }
            guard code == SQLITE_ROW else {
                throw DatabaseError(resultCode: ResultCode(rawValue: code), message: "reading the audit trail failed")
            }
            guard try body(raw) else { return }
        }
    }

    static func seq(_ raw: SQLiteStatement) -> Int64 { sqlite3_column_int64(raw, Column.seq.rawValue) }

    static func isNull(_ raw: SQLiteStatement, _ column: Int32) -> Bool {
        sqlite3_column_type(raw, column) == SQLITE_NULL
    }

    /// The bytes of a text or blob column (empty for NULL). Valid until the next step.
    static func bytes(_ raw: SQLiteStatement, _ column: Int32) -> UnsafeRawBufferPointer {
        // column_blob first, then column_bytes: the order SQLite documents as safe.
        guard let pointer = sqlite3_column_blob(raw, column) else { return UnsafeRawBufferPointer(start: nil, count: 0) }
        return UnsafeRawBufferPointer(start: pointer, count: Int(sqlite3_column_bytes(raw, column)))
    }

    static func macBytes(_ raw: SQLiteStatement) -> UnsafeRawBufferPointer { bytes(raw, Column.mac.rawValue) }



    /// Appends the canonical bytes of the current row to `buffer` exactly as
    /// `AuditEvent.canonicalBytes` makes them, with `seq` in place of the stored one.
    static func appendCanonical(_ raw: SQLiteStatement, seq: Int64, to buffer: inout [UInt8]) {
        func field(_ bytes: UnsafeRawBufferPointer) {
            let length = UInt32(bytes.count)
            buffer.append(1)
            buffer.append(UInt8(truncatingIfNeeded: length >> 24))
            buffer.append(UInt8(truncatingIfNeeded: length >> 16))
            buffer.append(UInt8(truncatingIfNeeded: length >> 8))
            buffer.append(UInt8(truncatingIfNeeded: length))
            if bytes.count > 0 { buffer.append(contentsOf: bytes) }
        }
        func number(_ value: Int64) {
            buffer.append(1)
            buffer.append(contentsOf: [0, 0, 0, 8] as [UInt8])
            var bigEndian = value.bigEndian
            withUnsafeBytes(of: &bigEndian) { buffer.append(contentsOf: $0) }
        }
        // A required column that holds NULL encodes as absent: it can never match a MAC
        // made over the real value.
        func text(_ column: Column) {
            if isNull(raw, column.rawValue) { buffer.append(0); return }
            field(bytes(raw, column.rawValue))
        }
        func integer(_ column: Column) {
            if isNull(raw, column.rawValue) { buffer.append(0); return }
            number(sqlite3_column_int64(raw, column.rawValue))
        }
        AuditRows.tag.withUnsafeBytes { field($0) }
        number(seq)
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

    static let tag: [UInt8] = Array(AuditEvent.canonicalTag.utf8)

    /// The current row as an `AuditEvent`, whatever its column types (never traps).
    static func event(_ raw: SQLiteStatement) -> AuditEvent {
        func text(_ column: Column) -> String? {
            if isNull(raw, column.rawValue) { return nil }
            return String(decoding: bytes(raw, column.rawValue), as: UTF8.self)
        }
        func integer(_ column: Column) -> Int64? {
            if isNull(raw, column.rawValue) { return nil }
            return sqlite3_column_int64(raw, column.rawValue)
        }
        return AuditEvent(
            seq: seq(raw),
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
            mac: [UInt8](macBytes(raw)))
    }
}

/// Keyed BLAKE2b over `previous MAC || canonical event` with one hash state reused for
/// every event: no allocation per event on the verify path.
final class ChainHasher {
    private let key: SymmetricKey
    private let state: UnsafeMutableRawPointer
    private let stateSize: Int
    private(set) var output = [UInt8](repeating: 0, count: 32)

    init(key: consuming SymmetricKey) {
        self.key = key
        stateSize = crypto_generichash_statebytes()
        state = UnsafeMutableRawPointer.allocate(byteCount: stateSize, alignment: 64)
    }

    deinit {
        sodium_memzero(state, stateSize)
        state.deallocate()
    }

    /// MAC of `previous || canonical`, left in `output`.
    func compute(previous: UnsafeRawBufferPointer, canonical: UnsafeRawBufferPointer) throws(CredVaultError) {
        let opaque = OpaquePointer(state)
        let ok: Bool = key.withUnsafeBytes { keyBytes in
            guard crypto_generichash_init(
                opaque, keyBytes.baseAddress!.assumingMemoryBound(to: UInt8.self), keyBytes.count, 32) == 0
            else { return false }
            if previous.count > 0 {
                guard crypto_generichash_update(
                    opaque, previous.baseAddress!.assumingMemoryBound(to: UInt8.self), UInt64(previous.count)) == 0
                else { return false }
            }
            if canonical.count > 0 {
                guard crypto_generichash_update(
                    opaque, canonical.baseAddress!.assumingMemoryBound(to: UInt8.self), UInt64(canonical.count)) == 0
                else { return false }
            }
            return output.withUnsafeMutableBufferPointer { crypto_generichash_final(opaque, $0.baseAddress!, 32) == 0 }
        }
        guard ok else { throw .crypto("BLAKE2b failed") }
    }

    /// Whether `output` equals `mac` (constant time).
    func outputEquals(_ mac: UnsafeRawBufferPointer) -> Bool {
        guard mac.count == 32, let base = mac.baseAddress else { return false }
        return output.withUnsafeBytes { sodium_memcmp($0.baseAddress!, base, 32) == 0 }
    }
}

internal import GRDBSQLite

/// A row as `audit --json` writes it, straight from the column bytes: the values
/// `AuditRowView.event` would hold (a required column that is NULL reads as empty or -1).
extension AuditRowView: AuditJSONSource {
    var uid: Int64 { integer(.uid) ?? -1 }
    var pid: Int64 { integer(.pid) ?? -1 }
    var version: Int? { integer(.version).map { Int(truncatingIfNeeded: $0) } }

    func withText(_ field: AuditTextField, _ body: (UnsafeRawBufferPointer?) -> Void) {
        let (column, required): (Column, Bool) = switch field {
        case .time: (.time, true)
        case .actor: (.actor, true)
        case .host: (.host, true)
        case .action: (.action, true)
        case .forest: (.forest, false)
        case .connector: (.connector, false)
        case .outcome: (.outcome, true)
        case .fingerprint: (.fingerprint, false)
        case .reason: (.reason, false)
        case .detail: (.detail, false)
        }
        // Two calls into SQLite for a value that is there; the type only for an empty one.
        let value = bytes(column.rawValue)
        if value.baseAddress == nil, isNull(column.rawValue) {
            body(required ? UnsafeRawBufferPointer(start: nil, count: 0) : nil)
        } else {
            body(value)
        }
    }

    func withMAC(_ body: (UnsafeRawBufferPointer) -> Void) {
        body(mac)
    }
}

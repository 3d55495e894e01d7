import GRDB
@testable import CredVault

/// The audit row decoders: an `audit_events` row of any shape (each of its 15 columns any
/// storage class) is read by `AuditRowView` without a trap and by `AuditEvent(row:)` as an
/// event or a typed error; when the checked decode succeeds, the two readers agree on the
/// event and on the canonical bytes its MAC covers (what `audit verify` relies on).
enum AuditRowFuzz {
    static func run(_ input: UnsafeRawBufferPointer) {
        var values = FuzzRow.values(from: input, limit: 15)
        values += Array(repeating: DatabaseValue.null, count: 15 - values.count)
        do {
            // Two statements: GRDB's fetch leaves its statement stepped, the view steps its own.
            guard let row = try FuzzRow.select(values, { try Row.fetchOne($0) }) else { preconditionFailure("SELECT gave no row") }
            try FuzzRow.select(values) { statement in
                try AuditRowView.forEach(statement) { view in
                    compare(view, row)
                    return false
                }
            }
        } catch {
            preconditionFailure("SQLite refused a plain SELECT: \(error)")
        }
    }

    private static func compare(_ view: AuditRowView, _ row: Row) {
        let seen = view.event
        var encoder = CanonicalEncoder(capacity: 256)
        view.appendCanonical(seq: view.seq, to: &encoder)
        let decoded: AuditEvent
        do {
            decoded = try AuditEvent(row: row)
        } catch {
            precondition(error is CredVaultError, "the checked decode threw an untyped error: \(error)")
            return
        }
        precondition(seen == decoded, "the two audit readers disagree on the event")
        precondition(encoder.bytes == decoded.canonicalBytes, "the two audit readers disagree on the MAC's bytes")
    }
}

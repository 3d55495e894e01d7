import Foundation
import GRDB

/// The audit head anchor (`audit_head`, one row): read on every append, written in the same
/// transaction as the event, so the anchor always names the newest event credvault wrote.
extension StoreTransaction {
    /// The stored anchor and its MAC (nil when the migration could not compute one), read
    /// without trusting column types; nil when there is no row.
    func storedAuditAnchor() throws -> (anchor: AuditHeadAnchor, mac: [UInt8]?)? {
        // Cached: every command that appends an event reads it.
        let statement = try db.cachedStatement(sql: "SELECT \(AuditHeadAnchor.columns) FROM audit_head WHERE id = 1")
        guard let row = try Row.fetchOne(statement) else { return nil }
        let columns = CheckedRow(row, table: "audit_head", key: "1")
        let anchor = AuditHeadAnchor(seq: try columns.value(0, "seq"), eventMAC: try columns.bytes(1, "event_mac"))
        return (anchor, try columns.optionalBytes(2, "mac"))
    }

    /// Stores `anchor` MACed: the row of a new vault's first event.
    func insertAuditAnchor(_ anchor: AuditHeadAnchor) throws {
        try db.cachedStatement(sql: "INSERT INTO audit_head (id, seq, event_mac, mac) VALUES (1, ?, ?, ?)")
            .execute(arguments: [anchor.seq, Data(anchor.eventMAC), Data(try mac(of: anchor))])
    }

    /// Moves the anchor to `anchor`; `sealed: false` keeps it without a MAC (a rekey moving an
    /// anchor the next append has yet to seal).
    func updateAuditAnchor(_ anchor: AuditHeadAnchor, sealed: Bool = true) throws {
        let mac = sealed ? Data(try self.mac(of: anchor)) : nil
        try db.cachedStatement(sql: "UPDATE audit_head SET seq = ?, event_mac = ?, mac = ? WHERE id = 1")
            .execute(arguments: [anchor.seq, Data(anchor.eventMAC), mac])
    }

    /// True when the trail records that the anchor was MACed (a new vault's `init`, or the first
    /// event after migration v7-audit-head): from then on an anchor without a MAC is tampering.
    func auditRecordsHeadAnchor() throws -> Bool {
        // Detail values are JSON-quoted, so only a key can hold `"audit_head":` unescaped.
        try Row.fetchOne(db, sql: #"SELECT 1 FROM audit_events WHERE detail LIKE '%"audit_head":%' LIMIT 1"#) != nil
    }

    /// The MAC stored with the event at `seq`, if that event exists and has a blob MAC.
    func auditEventMAC(at seq: Int64) throws -> [UInt8]? {
        guard let value = try DatabaseValue.fetchOne(db, sql: "SELECT mac FROM audit_events WHERE seq = ?", arguments: [seq]),
              case .blob(let data) = value.storage else { return nil }
        return [UInt8](data)
    }
}

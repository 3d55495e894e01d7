import Foundation
import GRDB

/// The audit trail: appends, and streaming reads for the query and the chain verifier.
extension StoreTransaction {
    /// The newest event's seq and MAC; nil for an empty trail.
    func auditHead() throws -> (seq: Int64, mac: [UInt8])? {
        // Cached and read raw: an import appends one event per record inside a single transaction.
        var head: (seq: Int64, mac: [UInt8])?
        try StatementBinder(db.cachedStatement(sql: "SELECT seq, mac FROM audit_events ORDER BY seq DESC LIMIT 1")).forEachRow { row in
            let columns = StatementRow(row, table: "audit_events", key: "head")
            head = (Int64(try columns.integer(0, "seq")), try columns.dataBytes(1, "mac"))
            return false
        }
        return head
    }

    /// The highest seq (0 for an empty trail).
    func auditHeadSeq() throws -> Int64 {
        try Int64.fetchOne(db, sql: "SELECT MAX(seq) FROM audit_events") ?? 0
    }

    func insertAuditEvent(_ event: AuditEvent) throws {
        // A cached statement with explicit arguments: every command appends an event, and the
        // generic record persistence cost more than everything else a `get` does.
        try (importStatements?.insertAuditEvent ?? db.cachedStatement(sql: StoreTransaction.insertAuditEventSQL)).bindAndExecute { binder in
            binder.bind(event.seq); binder.bind(event.time); binder.bind(event.actor); binder.bind(event.uid)
            binder.bind(event.host); binder.bind(event.pid); binder.bind(event.action); binder.bind(event.forest)
            binder.bind(event.version); binder.bind(event.connector); binder.bind(event.outcome)
            binder.bind(event.fingerprint); binder.bind(event.reason); binder.bind(event.detail)
            binder.bind(bytes: event.mac)
        }
    }

    static let insertAuditEventSQL = """
        INSERT INTO audit_events (\(AuditRowView.columns))
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """

    /// Replaces the MACs of the given events (a rekey re-MACs the whole chain).
    func updateAuditMACs(_ macs: [(seq: Int64, mac: [UInt8])]) throws {
        let update = try db.makeStatement(sql: "UPDATE audit_events SET mac = ? WHERE seq = ?")
        for (seq, mac) in macs {
            try update.execute(arguments: [Data(mac), seq])
        }
    }

    /// Calls `body` with each event matching `query` (every event when nil), in seq order,
    /// without loading them all; `body` returns false to stop.
    func forEachAuditRow(matching query: AuditQuery? = nil, _ body: (AuditRowView) throws -> Bool) throws {
        let (filter, arguments) = query?.sqlFilter ?? ("", StatementArguments())
        let statement = try db.makeStatement(sql: "SELECT \(AuditRowView.columns) FROM audit_events \(filter) ORDER BY seq")
        try statement.setArguments(arguments)
        try AuditRowView.forEach(statement, body)
    }

    /// The event stored at `seq`, read without trusting its column types.
    func auditEvent(at seq: Int64) throws -> AuditEvent? {
        let statement = try db.makeStatement(sql: "SELECT \(AuditRowView.columns) FROM audit_events WHERE seq = ?")
        statement.setUncheckedArguments([seq])
        var event: AuditEvent?
        try AuditRowView.forEach(statement) { row in event = row.event; return false }
        return event
    }

    /// Calls `body` with every event's seq and stored MAC, in seq order; false stops.
    func forEachAuditMAC(_ body: (Int64, [UInt8]) throws -> Bool) throws {
        try forEachAuditRow { row in try body(row.seq, [UInt8](row.mac)) }
    }

    /// The time of the event just before (`before: true`) or after `seq`, as stored.
    func auditTime(neighbouring seq: Int64, before: Bool) throws -> String? {
        try String.fetchOne(
            db, sql: before
                ? "SELECT CAST(time AS TEXT) FROM audit_events WHERE seq < ? ORDER BY seq DESC LIMIT 1"
                : "SELECT CAST(time AS TEXT) FROM audit_events WHERE seq > ? ORDER BY seq LIMIT 1",
            arguments: [seq])
    }

    /// The details of every `rekey` event after `seq`.
    func rekeyDetails(after seq: Int64) throws -> [String] {
        try String.fetchAll(
            db, sql: "SELECT CAST(detail AS TEXT) FROM audit_events WHERE action = 'rekey' AND seq > ? AND detail IS NOT NULL",
            arguments: [seq])
    }

    /// The first `rekey` event after `seq`.
    func firstRekey(after seq: Int64) throws -> Int64? {
        try Int64.fetchOne(db, sql: "SELECT MIN(seq) FROM audit_events WHERE action = 'rekey' AND seq > ?", arguments: [seq])
    }
}

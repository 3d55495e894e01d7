import GRDB

/// What `AuditCrossCheck` reads from the audit trail and the connector table. Run after
/// the chain verified in the same transaction, so the events are the key holder's.
extension StoreTransaction {
    /// Each forest's highest version in a successful set, generate, rollback or import event.
    func auditLastVersions() throws -> [String: Int] {
        let rows = try Row.fetchAll(db, sql: """
            SELECT forest, MAX(version) FROM audit_events
            WHERE action IN (?, ?, ?, ?) AND outcome = ? AND forest IS NOT NULL GROUP BY forest
            """, arguments: [AuditAction.set.rawValue, AuditAction.generate.rawValue, AuditAction.rollback.rawValue,
                              AuditAction.import.rawValue, AuditOutcome.ok.rawValue])
        var result: [String: Int] = [:]
        for row in rows {
            let columns = CheckedRow(row, table: "audit_events", key: "version events")
            result[try columns.value(0, "forest")] = try columns.value(1, "version")
        }
        return result
    }

    /// Every connector.add and connector.remove event's action and connector, in seq order.
    func auditConnectorEvents() throws -> [(action: String, connector: String)] {
        try Row.fetchAll(db, sql: """
            SELECT action, connector FROM audit_events WHERE action IN (?, ?) AND connector IS NOT NULL ORDER BY seq
            """, arguments: [AuditAction.connectorAdd.rawValue, AuditAction.connectorRemove.rawValue]).map { row in
            let columns = CheckedRow(row, table: "audit_events", key: "connector events")
            return (try columns.value(0, "action"), try columns.value(1, "connector"))
        }
    }

    /// Every connector's name, without reading its configuration.
    func connectorNamesAll() throws -> [String] {
        try Row.fetchAll(db, sql: "SELECT name FROM connectors ORDER BY name").map { row in
            try CheckedRow(row, table: "connectors").value(0, "name")
        }
    }
}

/// The streaming reads of `StreamingCrossCheck`: each table read once, in an order SQLite
/// can give without a sort or a lookup per row.
extension StoreTransaction {
    /// Every version's (forest, version, rowid) by forest and version, from the primary-key
    /// index alone (a covering scan: the table rows are not visited).
    func versionKeyCursor() throws -> StatementCursor {
        StatementCursor(
            try db.makeStatement(sql: "SELECT forest, version, rowid FROM secret_versions ORDER BY forest, version"),
            table: "secret_versions")
    }

    /// Calls `body` with every version row (`SecretVersionRecord.columns`, then its rowid) in
    /// table order: sequential pages, no index; false stops.
    func forEachVersionRow(_ body: (StatementRow) throws -> Bool) throws {
        let statement = try db.makeStatement(sql: "SELECT \(SecretVersionRecord.columns), rowid FROM secret_versions")
        try StatementBinder(statement).forEachRow { raw in try body(StatementRow(raw, table: "secret_versions")) }
    }
}

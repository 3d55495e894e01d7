import GRDB

/// The services credvault paused (`connector_pauses`).
extension StoreTransaction {
    /// Every pause (of `forest`, or all), by connector.
    func pauses(forest: String? = nil) throws -> [PauseRecord] {
        let rows: [Row]
        if let forest {
            rows = try Row.fetchAll(
                db, sql: "SELECT \(PauseRecord.columns) FROM connector_pauses WHERE forest = ? ORDER BY connector",
                arguments: [forest])
        } else {
            rows = try Row.fetchAll(db, sql: "SELECT \(PauseRecord.columns) FROM connector_pauses ORDER BY connector")
        }
        return try rows.map(PauseRecord.init(row:))
    }

    func pause(connector: String) throws -> PauseRecord? {
        try Row.fetchOne(
            db, sql: "SELECT \(PauseRecord.columns) FROM connector_pauses WHERE connector = ?", arguments: [connector])
            .map(PauseRecord.init(row:))
    }

    /// Records a pause; a pause of an already paused service keeps its first `since` and cause.
    func insertPause(connector: String, forest: String, cause: PauseCause, at now: String) throws {
        try db.execute(
            sql: """
                INSERT INTO connector_pauses (connector, forest, cause, since, updated_at, error) VALUES (?, ?, ?, ?, ?, NULL)
                ON CONFLICT(connector) DO UPDATE SET updated_at = excluded.updated_at, error = NULL
                """,
            arguments: [connector, forest, cause.rawValue, now, now])
    }

    /// Keeps the pause and records why its resume failed.
    func markResumeFailed(connector: String, error: String, at now: String) throws {
        try db.execute(
            sql: "UPDATE connector_pauses SET error = ?, updated_at = ? WHERE connector = ?", arguments: [error, now, connector])
    }

    func deletePause(connector: String) throws {
        try db.execute(sql: "DELETE FROM connector_pauses WHERE connector = ?", arguments: [connector])
    }
}

import Foundation
import GRDB

/// Connector rows and the push history.
extension StoreTransaction {
    /// Every connector (of `forest`, or all), by name.
    func connectors(forest: String? = nil) throws -> [ConnectorRecord] {
        let rows: [Row]
        if let forest {
            rows = try Row.fetchAll(
                db, sql: "SELECT \(ConnectorRecord.columns) FROM connectors WHERE forest = ? ORDER BY name", arguments: [forest])
        } else {
            rows = try Row.fetchAll(db, sql: "SELECT \(ConnectorRecord.columns) FROM connectors ORDER BY name")
        }
        return try rows.map(ConnectorRecord.init(row:))
    }

    /// The names of `forest`'s connectors, by name, without reading their configuration.
    func connectorNames(forest: String) throws -> [String] {
        try String.fetchAll(db.cachedStatement(sql: "SELECT name FROM connectors WHERE forest = ? ORDER BY name"),
                            arguments: [forest])
    }

    func connector(named name: String) throws -> ConnectorRecord? {
        try Row.fetchOne(db, sql: "SELECT \(ConnectorRecord.columns) FROM connectors WHERE name = ?", arguments: [name])
            .map(ConnectorRecord.init(row:))
    }

    func connectorExists(named name: String) throws -> Bool {
        try Row.fetchOne(db, sql: "SELECT 1 FROM connectors WHERE name = ?", arguments: [name]) != nil
    }

    /// The forest of connector `name`, or nil when there is no such connector.
    func connectorForest(named name: String) throws -> String? {
        try String.fetchOne(db, sql: "SELECT forest FROM connectors WHERE name = ?", arguments: [name])
    }

    func insertConnector(_ record: ConnectorRecord) throws {
        try db.execute(
            sql: "INSERT INTO connectors (\(ConnectorRecord.columns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            arguments: record.arguments)
    }

    func deleteConnector(named name: String) throws {
        try db.execute(sql: "DELETE FROM connectors WHERE name = ?", arguments: [name])
    }

    func updateConnectorMAC(named name: String, to mac: [UInt8]) throws {
        try db.execute(sql: "UPDATE connectors SET mac = ? WHERE name = ?", arguments: [Data(mac), name])
    }

    // MARK: Pushes

    /// Every push of `forest`, oldest first (none in a vault made before pushes existed).
    func pushes(forest: String) throws -> [PushRecord] {
        guard try db.tableExists("pushes") else { return [] }
        return try Row.fetchAll(
            db, sql: "SELECT \(PushRecord.columns) FROM pushes WHERE forest = ? ORDER BY id", arguments: [forest])
            .map(PushRecord.init(row:))
    }

    /// The newest pushes of `connector`, newest first.
    func recentPushes(connector: String, limit: Int) throws -> [PushRecord] {
        try Row.fetchAll(
            db, sql: "SELECT \(PushRecord.columns) FROM pushes WHERE connector = ? ORDER BY id DESC LIMIT ?",
            arguments: [connector, limit]).map(PushRecord.init(row:))
    }

    /// When a push of `forest` last ended healthy.
    func lastHealthyPushTime(forest: String) throws -> String? {
        try String.fetchOne(
            db, sql: "SELECT MAX(updated_at) FROM pushes WHERE forest = ? AND state = 'healthy'", arguments: [forest])
    }

    /// Inserts a push row; returns its id.
    func insertPush(
        connector: String, forest: String, version: Int, fingerprint: Fingerprint, kind: PushKind, state: PushState,
        step: PushStep, error: String?, at now: String
    ) throws -> Int64 {
        try db.execute(
            sql: """
                INSERT INTO pushes (connector, forest, version, fingerprint, kind, state, step, started_at, updated_at, error)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [connector, forest, version, fingerprint.hex, kind.rawValue, state.rawValue, step.rawValue, now, now, error])
        return db.lastInsertedRowID
    }

    /// Rekey: the pushes of `forest` `version` carry its fingerprint under the new key, so a
    /// connector that held the current version before a rekey still holds it after.
    func refingerprintPushes(forest: String, version: Int, to fingerprint: Fingerprint) throws {
        try db.cachedStatement(sql: "UPDATE pushes SET fingerprint = ? WHERE forest = ? AND version = ?")
            .execute(arguments: [fingerprint.hex, forest, version])
    }

    func updatePush(id: Int64, state: PushState, step: PushStep, error: String?, at now: String) throws {
        try db.execute(
            sql: "UPDATE pushes SET state = ?, step = ?, updated_at = ?, error = ? WHERE id = ?",
            arguments: [state.rawValue, step.rawValue, now, error, id])
    }
}

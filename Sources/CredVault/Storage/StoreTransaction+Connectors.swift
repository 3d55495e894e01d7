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
            .map(checkedPush)
    }

    /// Every push, oldest first.
    func allPushes() throws -> [PushRecord] {
        try Row.fetchAll(db, sql: "SELECT \(PushRecord.columns) FROM pushes ORDER BY id").map(checkedPush)
    }

    /// How many push rows name `forest` (the forest row's MAC covers the number it expects).
    func pushCount(forest: String) throws -> Int {
        try Int.fetchOne(
            db.cachedStatement(sql: "SELECT COUNT(*) FROM pushes WHERE forest = ?"), arguments: [forest]) ?? 0
    }

    /// The newest pushes of `connector`, newest first.
    func recentPushes(connector: String, limit: Int) throws -> [PushRecord] {
        try Row.fetchAll(
            db, sql: "SELECT \(PushRecord.columns) FROM pushes WHERE connector = ? ORDER BY id DESC LIMIT ?",
            arguments: [connector, limit]).map(checkedPush)
    }

    private func checkedPush(_ row: Row) throws -> PushRecord {
        let record = try PushRecord(row: row)
        return try checked(record, row, macAt: PushRecord.macIndex, table: "pushes", key: String(record.id))
    }

    /// Inserts a push row with its MAC (which covers the id SQLite gives it); returns the record.
    func insertPush(
        connector: String, forest: String, version: Int, fingerprint: Fingerprint, kind: PushKind, state: PushState,
        step: PushStep, error: String?, targetInode: UInt64? = nil, at now: String
    ) throws -> PushRecord {
        try db.execute(
            sql: """
                INSERT INTO pushes (connector, forest, version, fingerprint, kind, state, step, started_at, updated_at, error,
                    target_inode)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [connector, forest, version, fingerprint.hex, kind.rawValue, state.rawValue, step.rawValue, now, now, error,
                        targetInode.map { Int64(bitPattern: $0) }])
        let record = PushRecord(
            id: db.lastInsertedRowID, connector: connector, forest: forest, version: version, fingerprint: fingerprint,
            kind: kind, state: state, step: step, startedAt: now, updatedAt: now, error: error, targetInode: targetInode)
        try updatePushMAC(record)
        return record
    }

    /// Rekey: push row `record` carries its version's fingerprint under the new key (so a
    /// connector that held the current version before a rekey still holds it after), with
    /// its MAC under this transaction's key.
    func refingerprintPush(_ record: PushRecord) throws {
        try db.cachedStatement(sql: "UPDATE pushes SET fingerprint = ?, mac = ? WHERE id = ?")
            .execute(arguments: [record.fingerprint.hex, Data(try mac(of: record)), record.id])
    }

    /// Stores `record`'s new state, step, time and error with its MAC.
    func updatePush(_ record: PushRecord) throws {
        try db.execute(
            sql: "UPDATE pushes SET state = ?, step = ?, updated_at = ?, error = ?, mac = ? WHERE id = ?",
            arguments: [record.state.rawValue, record.step.rawValue, record.updatedAt, record.error,
                        Data(try mac(of: record)), record.id])
    }

    /// The newest push of `connector` that recorded the inode its write left, checked.
    func lastTargetInode(connector: String) throws -> UInt64? {
        try Row.fetchOne(
            db, sql: """
                SELECT \(PushRecord.columns) FROM pushes WHERE connector = ? AND target_inode IS NOT NULL ORDER BY id DESC LIMIT 1
                """, arguments: [connector]).map(checkedPush)?.targetInode
    }

    /// The push row `id`, checked.
    func push(id: Int64) throws -> PushRecord? {
        try Row.fetchOne(db, sql: "SELECT \(PushRecord.columns) FROM pushes WHERE id = ?", arguments: [id]).map(checkedPush)
    }

    func updatePushMAC(_ record: PushRecord) throws {
        try db.execute(sql: "UPDATE pushes SET mac = ? WHERE id = ?", arguments: [Data(try mac(of: record)), record.id])
    }

    /// How many connector rows name each forest.
    func connectorCounts() throws -> [String: Int] {
        var counts: [String: Int] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT forest, COUNT(*) FROM connectors GROUP BY forest") {
            let columns = CheckedRow(row, table: "connectors", key: "count")
            counts[try columns.value(0, "forest")] = try columns.value(1, "count")
        }
        return counts
    }

    /// `forest` gained (`by` 1) or lost (-1) a connector: its row (and MAC) counts it.
    func countConnector(forest name: String, by change: Int) throws {
        guard var forest = try forest(named: name), let count = forest.connectorCount else {
            throw CredVaultError.rowTampered(table: "forests", key: name)
        }
        forest.connectorCount = count + change
        try upsertForest(forest)
    }

    /// One more push row names `forest`: its row (and MAC) counts it.
    func countPush(forest name: String) throws {
        guard var forest = try forest(named: name), let count = forest.pushCount else {
            throw CredVaultError.rowTampered(table: "forests", key: name)
        }
        forest.pushCount = count + 1
        try upsertForest(forest)
    }
}

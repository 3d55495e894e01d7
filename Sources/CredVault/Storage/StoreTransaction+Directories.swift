import Foundation
import GRDB

/// Directory rows and the rotation journal (tables of migration v4-directories).
extension StoreTransaction {
    func directory(forest: String) throws -> DirectoryRecord? {
        try Row.fetchOne(db, sql: "SELECT \(DirectoryRecord.columns) FROM directories WHERE forest = ?", arguments: [forest])
            .map(DirectoryRecord.init(row:))
    }

    func allDirectories() throws -> [DirectoryRecord] {
        try Row.fetchAll(db, sql: "SELECT \(DirectoryRecord.columns) FROM directories ORDER BY forest")
            .map(DirectoryRecord.init(row:))
    }

    /// Inserts the row, or replaces the forest's previous one.
    func upsertDirectory(_ record: DirectoryRecord) throws {
        try db.execute(
            sql: "INSERT OR REPLACE INTO directories (\(DirectoryRecord.columns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            arguments: record.arguments)
    }

    func deleteDirectory(forest: String) throws {
        try db.execute(sql: "DELETE FROM directories WHERE forest = ?", arguments: [forest])
    }

    func updateDirectoryMAC(forest: String, to mac: [UInt8]) throws {
        try db.execute(sql: "UPDATE directories SET mac = ? WHERE forest = ?", arguments: [Data(mac), forest])
    }

    // MARK: Rotation journal

    func rotation(forest: String) throws -> RotationRecord? {
        try Row.fetchOne(db, sql: "SELECT \(RotationRecord.columns) FROM rotations WHERE forest = ?", arguments: [forest])
            .map(RotationRecord.init(row:))
    }

    func allRotations() throws -> [RotationRecord] {
        guard try db.tableExists("rotations") else { return [] }
        return try Row.fetchAll(db, sql: "SELECT \(RotationRecord.columns) FROM rotations ORDER BY forest")
            .map(RotationRecord.init(row:))
    }

    func insertRotation(_ record: RotationRecord) throws {
        try db.execute(
            sql: "INSERT INTO rotations (\(RotationRecord.columns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            arguments: record.arguments)
    }

    func updateRotation(forest: String, state: RotationState, updatedAt: String, mac: [UInt8]) throws {
        try db.execute(
            sql: "UPDATE rotations SET state = ?, updated_at = ?, mac = ? WHERE forest = ?",
            arguments: [state.rawValue, updatedAt, Data(mac), forest])
    }

    func deleteRotation(forest: String) throws {
        try db.execute(sql: "DELETE FROM rotations WHERE forest = ?", arguments: [forest])
    }
}

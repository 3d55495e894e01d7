import Foundation
import GRDB

/// What sealing a vault made before row MACs (migration v3-row-macs) reads and writes: the
/// rows that have no MAC yet, read without a check, and their new MACs.
extension StoreTransaction {
    func forestsWithoutMAC() throws -> [ForestRecord] {
        try Row.fetchAll(db, sql: "SELECT \(ForestRecord.columns) FROM forests WHERE mac IS NULL ORDER BY name")
            .map(ForestRecord.init(row:))
    }

    func versionsWithoutMAC() throws -> [SecretVersionRecord] {
        try Row.fetchAll(
            db, sql: "SELECT \(SecretVersionRecord.columns) FROM secret_versions WHERE mac IS NULL ORDER BY forest, version")
            .map(SecretVersionRecord.init(row:))
    }

    func pushesWithoutMAC() throws -> [PushRecord] {
        try Row.fetchAll(db, sql: "SELECT \(PushRecord.columns) FROM pushes WHERE mac IS NULL ORDER BY id")
            .map(PushRecord.init(row:))
    }

    func slotsWithoutMAC() throws -> [KeySlot] {
        try Row.fetchAll(db, sql: "SELECT \(KeySlotRecord.columns) FROM key_slots WHERE mac IS NULL ORDER BY id")
            .map(KeySlotRecord.decode)
    }

    func updateVersionMAC(_ record: SecretVersionRecord) throws {
        try db.execute(sql: "UPDATE secret_versions SET mac = ? WHERE forest = ? AND version = ?",
                       arguments: [Data(try mac(of: record)), record.forest, record.version])
    }

    /// True when the audit trail says this vault's rows were MACed already: by a seal, or
    /// from its creation. A header whose seal is gone then means tampering, not an old vault.
    func auditRecordsRowSeal() throws -> Bool {
        try Row.fetchOne(db, sql: """
            SELECT 1 FROM audit_events WHERE action = ? OR (action = 'init' AND detail LIKE '%"row_macs"%') LIMIT 1
            """, arguments: [AuditAction.rowsSeal.rawValue]) != nil
    }
}

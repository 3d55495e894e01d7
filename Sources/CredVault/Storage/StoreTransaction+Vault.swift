import Foundation
import GRDB

/// The vault header and its key slots.
extension StoreTransaction {
    func insertHeader(formatVersion: Int, vaultID: [UInt8], createdAt: String) throws {
        try db.execute(
            sql: "INSERT INTO vault_meta (id, format_version, vault_id, key_generation, created_at) VALUES (1, ?, ?, 1, ?)",
            arguments: [formatVersion, Data(vaultID), createdAt])
    }

    func header() throws -> VaultHeader? {
        try Row.fetchOne(db, sql: "SELECT vault_id, key_generation FROM vault_meta WHERE id = 1").map(VaultHeader.init(row:))
    }

    func keyGeneration() throws -> Int? {
        try Int.fetchOne(db, sql: "SELECT key_generation FROM vault_meta WHERE id = 1")
    }

    func setKeyGeneration(_ generation: Int) throws {
        try db.execute(sql: "UPDATE vault_meta SET key_generation = ? WHERE id = 1", arguments: [generation])
    }

    // MARK: Key slots

    /// Every key slot, oldest first.
    func keySlots() throws -> [KeySlot] {
        try Row.fetchAll(db, sql: "SELECT \(KeySlotRecord.columns) FROM key_slots ORDER BY created_at, id")
            .map(KeySlotRecord.decode)
    }

    func insertKeySlot(_ slot: KeySlot) throws {
        try db.execute(
            sql: "INSERT INTO key_slots (\(KeySlotRecord.columns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            arguments: KeySlotRecord.arguments(slot))
    }

    func deleteKeySlot(id: String) throws {
        try db.execute(sql: "DELETE FROM key_slots WHERE id = ?", arguments: [id])
    }

    /// Every passphrase slot gives way to `slot` (a passphrase change).
    func replacePassphraseSlots(with slot: KeySlot) throws {
        try db.execute(sql: "DELETE FROM key_slots WHERE kind = 'passphrase'")
        try insertKeySlot(slot)
    }

    /// Every slot gives way to `slot` (a rekey keeps only the slot it could re-wrap).
    func replaceAllSlots(with slot: KeySlot) throws {
        try db.execute(sql: "DELETE FROM key_slots")
        try insertKeySlot(slot)
    }
}

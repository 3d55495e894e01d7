import Foundation
import GRDB

/// The vault header and its key slots.
extension StoreTransaction {
    /// The header of a new vault, sealed: its rows carry MACs from the first one.
    func insertHeader(_ header: VaultHeader) throws {
        try db.execute(
            sql: "INSERT INTO vault_meta (id, format_version, vault_id, key_generation, created_at, rows_mac) VALUES (1, ?, ?, ?, ?, ?)",
            arguments: [header.formatVersion, Data(header.vaultID), header.keyGeneration, header.createdAt,
                        Data(try mac(of: header))])
    }

    /// The header as stored (its MAC is checked by `Vault` once unlocked: it is read to unlock).
    func header() throws -> VaultHeader? {
        try Row.fetchOne(db, sql: "SELECT \(VaultHeader.columns) FROM vault_meta WHERE id = 1").map(VaultHeader.init(row:))
    }

    func keyGeneration() throws -> Int? {
        try header()?.keyGeneration
    }

    /// Stores `header`'s key generation and MACs it, which also marks every row as MACed.
    func sealHeader(_ header: VaultHeader) throws {
        try db.execute(sql: "UPDATE vault_meta SET key_generation = ?, rows_mac = ? WHERE id = 1",
                       arguments: [header.keyGeneration, Data(try mac(of: header))])
    }

    // MARK: Key slots

    /// Every key slot, oldest first; checked against its MAC once the vault is unlocked.
    func keySlots() throws -> [KeySlot] {
        try Row.fetchAll(db, sql: "SELECT \(KeySlotRecord.columns) FROM key_slots ORDER BY created_at, id")
            .map { row in
                let slot = try KeySlotRecord.decode(row)
                if let rows { try rows.verify(slot, stored: slot.storedMAC, table: "key_slots", key: slot.id) }
                return slot
            }
    }

    func insertKeySlot(_ slot: KeySlot) throws {
        try db.execute(
            sql: "INSERT INTO key_slots (\(KeySlotRecord.columns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            arguments: KeySlotRecord.arguments(slot, mac: try mac(of: slot)))
    }

    func updateKeySlotMAC(_ slot: KeySlot) throws {
        try db.execute(sql: "UPDATE key_slots SET mac = ? WHERE id = ?", arguments: [Data(try mac(of: slot)), slot.id])
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

import GRDB

/// The `vault_meta` row: which vault this is and which master-key generation seals it.
struct VaultHeader {
    let vaultID: [UInt8]
    let keyGeneration: Int

    init(vaultID: [UInt8], keyGeneration: Int) {
        self.vaultID = vaultID
        self.keyGeneration = keyGeneration
    }

    init(row: Row) throws(CredVaultError) {
        let columns = CheckedRow(row, table: "vault_meta", key: "1")
        vaultID = try columns.bytes(0, "vault_id")
        keyGeneration = try columns.value(1, "key_generation")
    }
}

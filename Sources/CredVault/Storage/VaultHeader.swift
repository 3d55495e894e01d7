import GRDB

/// The `vault_meta` row: which vault this is and which master-key generation seals it.
struct VaultHeader {
    static let columns = "vault_id, key_generation, format_version, created_at, rows_mac"
    static let macTag = "credvault-vault-v1"

    let vaultID: [UInt8]
    let keyGeneration: Int
    let formatVersion: Int
    let createdAt: String
    /// The header's own MAC, and the mark that every row of the vault carries one. Nil in a
    /// vault made before row MACs, until it is first unlocked (`Vault.sealLegacyRows`).
    let rowsMAC: [UInt8]?

    init(vaultID: [UInt8], keyGeneration: Int, formatVersion: Int, createdAt: String, rowsMAC: [UInt8]? = nil) {
        self.vaultID = vaultID
        self.keyGeneration = keyGeneration
        self.formatVersion = formatVersion
        self.createdAt = createdAt
        self.rowsMAC = rowsMAC
    }

    init(row: Row) throws(CredVaultError) {
        let columns = CheckedRow(row, table: "vault_meta", key: "1")
        vaultID = try columns.bytes(0, "vault_id")
        keyGeneration = try columns.value(1, "key_generation")
        formatVersion = try columns.value(2, "format_version")
        createdAt = try columns.value(3, "created_at")
        rowsMAC = try columns.optionalBytes(4, "rows_mac")
    }

    func withKeyGeneration(_ generation: Int) -> VaultHeader {
        VaultHeader(vaultID: vaultID, keyGeneration: generation, formatVersion: formatVersion, createdAt: createdAt)
    }
}

/// The key generation decides which AAD new versions are sealed with and whether a rekey
/// may start: the header is MACed like every other row.
extension VaultHeader: AuthenticatedRow {
    func canonicalBytes(vaultID: [UInt8]) -> [UInt8] {
        var encoder = CanonicalEncoder(capacity: 96)
        encoder.append(VaultHeader.macTag)
        encoder.append(vaultID)
        encoder.append(self.vaultID)
        encoder.append(keyGeneration)
        encoder.append(formatVersion)
        encoder.append(createdAt)
        return encoder.bytes
    }
}

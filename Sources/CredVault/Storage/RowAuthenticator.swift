/// Computes and checks the MACs of the rows a command relies on (forests, versions, key
/// slots, pushes, the vault header), under the config subkey that already MACs connector
/// rows. Held by `VaultDatabase` once the vault is unlocked and lent to each transaction:
/// every read of such a row is checked, every write MACs what it stores.
///
/// A row without a MAC, or whose MAC does not match, is `rowTampered`: after a vault is
/// sealed (`Vault.sealLegacyRows`) credvault never writes one.
final class RowAuthenticator {
    private let key: SymmetricKey
    let vaultID: [UInt8]

    init(key: consuming SymmetricKey, vaultID: [UInt8]) {
        self.key = key
        self.vaultID = vaultID
    }

    func mac(of row: some AuthenticatedRow) throws(CredVaultError) -> [UInt8] {
        try row.computeMAC(key: key, vaultID: vaultID)
    }

    /// One reusable keyed hash state under the row key, for MACing many rows in a row
    /// (`StreamingCrossCheck`: every version row, from its column bytes).
    func makeHasher() throws(CredVaultError) -> ChainHasher {
        ChainHasher(key: try key.copy())
    }

    /// Whether `stored` is `row`'s MAC (for a row whose mismatch is reported, not thrown).
    func matches(_ row: some AuthenticatedRow, stored: [UInt8]?) throws(CredVaultError) -> Bool {
        try row.macMatches(stored, key: key, vaultID: vaultID)
    }

    /// Throws `rowTampered` unless `stored` is `row`'s MAC.
    func verify(_ row: some AuthenticatedRow, stored: [UInt8]?, table: String, key rowKey: String) throws(CredVaultError) {
        guard try row.macMatches(stored, key: key, vaultID: vaultID) else {
            throw .rowTampered(table: table, key: rowKey)
        }
    }
}

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
    /// The key's hash state, set up on the first MAC and copied for each (`list` checks two per forest).
    private var keyedState: KeyedHashState?

    init(key: consuming SymmetricKey, vaultID: [UInt8]) {
        self.key = key
        self.vaultID = vaultID
    }

    private func state() throws(CredVaultError) -> KeyedHashState {
        if let keyedState { return keyedState }
        let made = try KeyedHashState(key: key)
        keyedState = made
        return made
    }

    func mac(of row: some AuthenticatedRow) throws(CredVaultError) -> [UInt8] {
        try state().mac(row.canonicalBytes(vaultID: vaultID))
    }

    /// One reusable keyed hash state under the row key, for MACing many rows in a row
    /// (`StreamingCrossCheck`: every version row, from its column bytes).
    func makeHasher() throws(CredVaultError) -> ChainHasher {
        try ChainHasher(key: key)
    }

    /// Whether `stored` is `row`'s MAC (for a row whose mismatch is reported, not thrown).
    func matches(_ row: some AuthenticatedRow, stored: [UInt8]?) throws(CredVaultError) -> Bool {
        guard let stored else { return false }
        return try state().matches(row.canonicalBytes(vaultID: vaultID), stored: stored)
    }

    /// Whether `stored` is the MAC of `canonical`, a row's canonical bytes built from its columns.
    func matches(canonical: [UInt8], stored: UnsafeRawBufferPointer) throws(CredVaultError) -> Bool {
        try state().matches(canonical, stored: stored)
    }

    /// Throws `rowTampered` unless `stored` is `row`'s MAC.
    func verify(_ row: some AuthenticatedRow, stored: [UInt8]?, table: String, key rowKey: String) throws(CredVaultError) {
        guard try matches(row, stored: stored) else {
            throw .rowTampered(table: table, key: rowKey)
        }
    }
}

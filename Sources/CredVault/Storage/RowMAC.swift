/// A stored row authenticated by a keyed BLAKE2b MAC under the config subkey: the row's
/// columns (but the MAC) in canonical form, bound to the vault's id. Connector and directory
/// rows and the rotation journal share this one computation and its constant-time check.
protocol RowMAC {
    /// Every column but the MAC, length-prefixed, with the row kind's tag and the vault's id.
    func canonicalBytes(vaultID: [UInt8]) -> [UInt8]
    var mac: [UInt8] { get }
}

extension RowMAC {
    func computeMAC(key: borrowing SymmetricKey, vaultID: [UInt8]) throws(CredVaultError) -> [UInt8] {
        try KeyedHash.mac(key: key, canonicalBytes(vaultID: vaultID))
    }

    /// Whether the stored MAC is the one this row's columns give (constant time).
    func macMatches(key: borrowing SymmetricKey, vaultID: [UInt8]) throws(CredVaultError) -> Bool {
        KeyedHash.equal(try computeMAC(key: key, vaultID: vaultID), mac)
    }
}

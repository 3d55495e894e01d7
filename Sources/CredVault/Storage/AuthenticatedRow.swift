/// A stored row whose columns a keyed BLAKE2b MAC covers, bound to the vault's id.
///
/// Connector rows were the first (their MAC is a soft verdict: `connector list` shows a
/// tampered one); forests, versions, key slots and pushes follow the same rule through
/// `RowAuthenticator`, where a mismatch is an integrity error. Directory rows and the
/// rotation journal (branch `rotate`) use it too: this is the one MAC computation and the
/// one constant-time check.
protocol AuthenticatedRow {
    /// Every column the MAC covers, length-prefixed, the format tag and the vault id first.
    func canonicalBytes(vaultID: [UInt8]) -> [UInt8]
}

extension AuthenticatedRow {
    func computeMAC(key: borrowing SymmetricKey, vaultID: [UInt8]) throws(CredVaultError) -> [UInt8] {
        try KeyedHash.mac(key: key, canonicalBytes(vaultID: vaultID))
    }

    /// Whether `stored` is the MAC this row's columns give (constant time); a missing MAC
    /// never matches.
    func macMatches(_ stored: [UInt8]?, key: borrowing SymmetricKey, vaultID: [UInt8]) throws(CredVaultError) -> Bool {
        guard let stored else { return false }
        return KeyedHash.equal(try computeMAC(key: key, vaultID: vaultID), stored)
    }
}



extension SymmetricKey {
    /// A second copy of this key in its own secure memory.
    func copy() throws(CredVaultError) -> SymmetricKey {
        try SymmetricKey(bytes.slice(0..<bytes.count))
    }
}

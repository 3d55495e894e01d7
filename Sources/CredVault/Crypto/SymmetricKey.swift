internal import CSodium

/// A 32-byte key for XChaCha20-Poly1305, BLAKE2b or crypto_kdf: the master key, a subkey,
/// a key-encryption key. Its length is checked once, here, so no C call below ever reads
/// past a short buffer.
public struct SymmetricKey: ~Copyable {
    public static let byteCount = 32
    let bytes: SecureBytes

    public init(_ bytes: consuming SecureBytes) throws(CredVaultError) {
        guard bytes.count == SymmetricKey.byteCount else {
            throw .crypto("a key must be \(SymmetricKey.byteCount) bytes, not \(bytes.count)")
        }
        self.bytes = bytes
    }

    public static func random() throws(CredVaultError) -> SymmetricKey {
        try SymmetricKey(SecureBytes.random(count: byteCount))
    }

    func withUnsafeBytes<R: ~Copyable, E: Error>(_ body: (UnsafeRawBufferPointer) throws(E) -> R) throws(E) -> R {
        try bytes.withUnsafeBytes(body)
    }
}

extension SymmetricKey {
    private static let kdfContext: [CChar] = Array("CredVlt1".utf8CString)

    /// `crypto_kdf_derive_from_key` with context `CredVlt1`: independent keys from one master key.
    func deriveSubkey(_ purpose: SubkeyPurpose) throws(CredVaultError) -> SymmetricKey {
        var subkey = try SecureBytes(count: SymmetricKey.byteCount)
        let status = subkey.withUnsafeMutableBytes { out in
            withUnsafeBytes { master in
                SymmetricKey.kdfContext.withUnsafeBufferPointer { context in
                    crypto_kdf_derive_from_key(
                        out.baseAddress!.assumingMemoryBound(to: UInt8.self), out.count,
                        purpose.rawValue, context.baseAddress!,
                        master.baseAddress!.assumingMemoryBound(to: UInt8.self))
                }
            }
        }
        guard status == 0 else { throw .crypto("subkey derivation failed") }
        return try SymmetricKey(subkey)
    }
}

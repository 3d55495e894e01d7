internal import CSodium

/// Ciphertext with its Poly1305 tag, and the nonce it was sealed with.
public struct SealedBox: Sendable, Equatable {
    public static let tagByteCount = 16
    public let nonce: Nonce
    public let ciphertext: [UInt8]

    public init(nonce: Nonce, ciphertext: [UInt8]) throws(CredVaultError) {
        guard ciphertext.count >= SealedBox.tagByteCount else {
            throw .integrity("a stored ciphertext is shorter than its tag")
        }
        self.nonce = nonce
        self.ciphertext = ciphertext
    }
}

internal import CSodium

/// A 24-byte XChaCha20 nonce. Random by default: at 192 bits, random nonces never collide
/// in practice, so no counter has to be kept in step with the database.
public struct Nonce: Sendable, Equatable {
    public static let byteCount = 24
    public let bytes: [UInt8]

    public init(bytes: [UInt8]) throws(CredVaultError) {
        guard bytes.count == Nonce.byteCount else {
            throw .integrity("a stored nonce has \(bytes.count) bytes instead of \(Nonce.byteCount)")
        }
        self.bytes = bytes
    }

    public static func random() -> Nonce {
        var bytes = [UInt8](repeating: 0, count: byteCount)
        randombytes_buf(&bytes, byteCount)
        return Nonce(unchecked: bytes)
    }

    private init(unchecked bytes: [UInt8]) { self.bytes = bytes }
}

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

/// XChaCha20-Poly1305-IETF. The associated data binds a ciphertext to where it belongs
/// (vault, forest, account, version, key generation), so a ciphertext copied elsewhere fails.
enum AEAD {
    static func seal(
        _ plaintext: borrowing SecureBytes,
        using key: borrowing SymmetricKey,
        associatedData: [UInt8],
        nonce: Nonce = .random()
    ) throws(CredVaultError) -> SealedBox {
        var ciphertext = [UInt8](repeating: 0, count: plaintext.count + SealedBox.tagByteCount)
        var written: UInt64 = 0
        let status = plaintext.withUnsafeBytes { message in
            key.withUnsafeBytes { keyBytes in
                crypto_aead_xchacha20poly1305_ietf_encrypt(
                    &ciphertext, &written,
                    message.baseAddress!.assumingMemoryBound(to: UInt8.self), UInt64(message.count),
                    associatedData, UInt64(associatedData.count),
                    nil, nonce.bytes,
                    keyBytes.baseAddress!.assumingMemoryBound(to: UInt8.self))
            }
        }
        guard status == 0, Int(written) == ciphertext.count else { throw .crypto("encryption failed") }
        return try SealedBox(nonce: nonce, ciphertext: ciphertext)
    }

    /// Returns nil when the tag does not verify: wrong key, wrong associated data, or a changed byte.
    static func open(
        _ box: SealedBox,
        using key: borrowing SymmetricKey,
        associatedData: [UInt8]
    ) throws(CredVaultError) -> SecureBytes? {
        var plaintext = try SecureBytes(count: box.ciphertext.count - SealedBox.tagByteCount)
        var written: UInt64 = 0
        let status = plaintext.withUnsafeMutableBytes { out in
            key.withUnsafeBytes { keyBytes in
                crypto_aead_xchacha20poly1305_ietf_decrypt(
                    out.baseAddress!.assumingMemoryBound(to: UInt8.self), &written, nil,
                    box.ciphertext, UInt64(box.ciphertext.count),
                    associatedData, UInt64(associatedData.count),
                    box.nonce.bytes,
                    keyBytes.baseAddress!.assumingMemoryBound(to: UInt8.self))
            }
        }
        guard status == 0 else { return nil }
        return plaintext
    }
}

internal import CSodium

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

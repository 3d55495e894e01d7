internal import CSodium
#if canImport(Glibc)
import Glibc
#endif

enum PasswordKDF {
    /// Argon2id(passphrase, salt) -> 32-byte key.
    static func deriveKey(
        from passphrase: borrowing SecureBytes,
        salt: Salt,
        parameters: KDFParameters
    ) throws(CredVaultError) -> SymmetricKey {
        try SymmetricKey(derive(from: passphrase, salt: salt, parameters: parameters, outputLength: SymmetricKey.byteCount))
    }

    /// Argon2id(passphrase, salt) -> `outputLength` bytes (crypto_pwhash). The key derivation
    /// above is this with 32 bytes; the known-answer tests use the published output lengths.
    static func derive(
        from passphrase: borrowing SecureBytes,
        salt: Salt,
        parameters: KDFParameters,
        outputLength: Int
    ) throws(CredVaultError) -> SecureBytes {
        guard outputLength >= Int(crypto_pwhash_BYTES_MIN) else {
            throw .crypto("Argon2id output must be at least \(crypto_pwhash_BYTES_MIN) bytes")
        }
        var output = try SecureBytes(count: outputLength)
        let status = output.withUnsafeMutableBytes { out in
            passphrase.withUnsafeBytes { secret in
                crypto_pwhash(
                    out.baseAddress!.assumingMemoryBound(to: UInt8.self), UInt64(out.count),
                    secret.baseAddress!.assumingMemoryBound(to: CChar.self), UInt64(secret.count),
                    salt.bytes, parameters.opsLimit, Int(parameters.memLimit), parameters.algorithm)
            }
        }
        guard status == 0 else {
            throw .crypto("Argon2id could not run with \(parameters.memLimit >> 20) MiB (out of memory?)")
        }
        return output
    }
}

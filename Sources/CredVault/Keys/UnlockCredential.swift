#if canImport(Glibc)
import Glibc
#endif

/// What a person or a timer presents to open the vault: a passphrase, or a keyfile's key.
public struct UnlockCredential: ~Copyable {
    /// The longest passphrase accepted, and so the longest line a secret prompt reads.
    public static let passphraseByteLimit = 4096

    public let kind: KeySlotKind
    let secret: SecureBytes

    public static func passphrase(_ secret: consuming SecureBytes) throws(CredVaultError) -> UnlockCredential {
        guard secret.count > 0 else { throw .invalidInput("the passphrase is empty") }
        guard secret.count <= passphraseByteLimit else {
            throw .invalidInput("the passphrase is longer than \(passphraseByteLimit) bytes")
        }
        return UnlockCredential(kind: .passphrase, secret: secret)
    }

    public static func keyfileKey(_ key: consuming SecureBytes) throws(CredVaultError) -> UnlockCredential {
        guard key.count == SymmetricKey.byteCount else {
            throw .invalidInput("a keyfile must hold \(SymmetricKey.byteCount) bytes of base64")
        }
        return UnlockCredential(kind: .keyfile, secret: key)
    }

    /// Reads a keyfile, refusing one that group or others can read.
    public static func keyfile(at path: String) throws(CredVaultError) -> UnlockCredential {
        var contents = try SecretFile.read(path, what: "keyfile")
        let key = try contents.withUnsafeMutableBytes { (raw) throws(CredVaultError) -> SecureBytes in
            guard let decoded = try Base64.decodeSecret(SecretFile.trimmingNewline(UnsafeRawBufferPointer(raw))),
                  decoded.count == SymmetricKey.byteCount else {
                throw .invalidInput("\(path) is not a CredVault keyfile (expected 32 bytes as base64)")
            }
            return decoded
        }
        return try keyfileKey(key)
    }

    /// Reads a passphrase file (one line; a final newline is not part of the passphrase).
    public static func passphraseFile(at path: String) throws(CredVaultError) -> UnlockCredential {
        try passphrase(SecretFile.readPassphrase(path))
    }

    /// The key-encryption key this credential gives for `slot`, or nil when the slot is of another kind.
    func keyEncryptionKey(for slot: KeySlot) throws(CredVaultError) -> SymmetricKey? {
        guard slot.kind == kind else { return nil }
        switch kind {
        case .keyfile:
            return try SymmetricKey(secret.slice(0..<secret.count))
        case .passphrase:
            guard let salt = slot.salt, let kdf = slot.kdf else {
                throw .integrity("passphrase slot \(slot.id) has no KDF parameters")
            }
            return try PasswordKDF.deriveKey(from: secret, salt: salt, parameters: kdf)
        }
    }
}

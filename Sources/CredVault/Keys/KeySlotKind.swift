/// The two ways to hold a key that opens the vault.
public enum KeySlotKind: String, Sendable, Codable {
    /// A passphrase stretched by Argon2id.
    case passphrase
    /// 32 random bytes in a file, for unattended use: no KDF, so unlocking costs microseconds.
    case keyfile
}

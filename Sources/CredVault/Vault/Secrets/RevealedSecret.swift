

/// A decrypted version: its facts and the password, in secure memory.
public struct RevealedSecret: ~Copyable {
    public let info: VersionInfo
    public let password: SecureBytes
}

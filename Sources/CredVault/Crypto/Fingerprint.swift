/// Identifies a password version without revealing it: BLAKE2b-128 keyed with the
/// fingerprint subkey over (forest, password). Without the master key nobody can test a
/// guess against it.
public struct Fingerprint: Sendable, Hashable, CustomStringConvertible {
    /// 32 lowercase hex digits.
    public let hex: String

    /// The digest length in bytes (BLAKE2b-128).
    static let byteCount = 16

    public init(hex: String) { self.hex = hex }

    /// A fingerprint as stored: exactly 32 lowercase hex digits, or nil.
    init?(storedHex: String) {
        let digits = storedHex.utf8
        guard digits.count == Fingerprint.byteCount * 2,
              digits.allSatisfy({ (48...57).contains($0) || (97...102).contains($0) }) else { return nil }
        hex = storedHex
    }

    /// The 12 digits shown to people.
    public var short: String { String(hex.prefix(12)) }
    public var description: String { short }

    static func compute(
        forest: String,
        password: borrowing SecureBytes,
        key: borrowing SymmetricKey
    ) throws(CredVaultError) -> Fingerprint {
        var prefix = CanonicalEncoder()
        prefix.append(forest)
        // The password is the last field: its length prefix keeps the encoding unambiguous.
        prefix.append(Int64(password.count))
        let digest = try password.withUnsafeBytes { (secret) throws(CredVaultError) -> [UInt8] in
            try KeyedHash.mac(key: key, outputLength: Fingerprint.byteCount, parts: [prefix.bytes], secret: secret)
        }
        return Fingerprint(hex: Hex.encode(digest))
    }
}

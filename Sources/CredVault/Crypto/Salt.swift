internal import CSodium
#if canImport(Glibc)
import Glibc
#endif

/// A 16-byte Argon2id salt.
public struct Salt: Sendable, Equatable {
    public static let byteCount = Int(crypto_pwhash_SALTBYTES)
    public let bytes: [UInt8]

    public init(bytes: [UInt8]) throws(CredVaultError) {
        guard bytes.count == Salt.byteCount else {
            throw .integrity("a stored salt has \(bytes.count) bytes instead of \(Salt.byteCount)")
        }
        self.bytes = bytes
    }

    public static func random() -> Salt {
        var bytes = [UInt8](repeating: 0, count: byteCount)
        randombytes_buf(&bytes, byteCount)
        return try! Salt(bytes: bytes)
    }
}

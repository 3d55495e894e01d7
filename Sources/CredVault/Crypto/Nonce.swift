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

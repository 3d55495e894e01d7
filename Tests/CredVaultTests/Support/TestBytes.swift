@testable import CredVault

/// Small helpers for tests that build keys and secrets from literal bytes.
enum TestBytes {
    /// Bytes from hex; a malformed literal is a bug in the test itself.
    static func hex(_ text: String) -> [UInt8] {
        guard let bytes = Hex.decode(text) else { preconditionFailure("bad hex literal in a test: \(text.prefix(16))…") }
        return bytes
    }

    static func secure(_ bytes: [UInt8]) throws -> SecureBytes {
        // Array.withUnsafeBytes cannot return a noncopyable value: fill a new buffer instead.
        var secret = try SecureBytes(count: bytes.count)
        secret.withUnsafeMutableBytes { out in
            for (index, byte) in bytes.enumerated() { out[index] = byte }
        }
        return secret
    }

    static func secure(_ text: String) throws -> SecureBytes {
        try secure(Array(text.utf8))
    }

    static func key(_ bytes: [UInt8]) throws -> SymmetricKey {
        try SymmetricKey(secure(bytes))
    }

    static func array(_ secret: borrowing SecureBytes) -> [UInt8] {
        secret.withUnsafeBytes { Array($0) }
    }

    /// The bytes of an optional secret (nil stays nil), as a plain array a test can compare.
    static func array(_ secret: consuming SecureBytes?) -> [UInt8]? {
        guard let secret = secret.take() else { return nil }
        return array(secret)
    }

    static func hexString(_ secret: borrowing SecureBytes) -> String {
        secret.withUnsafeBytes { Hex.encode($0) }
    }
}

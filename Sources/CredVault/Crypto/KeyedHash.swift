internal import CSodium

/// Keyed BLAKE2b (crypto_generichash): MACs for the audit chain and connector rows,
/// key-check values for slots, fingerprints of password versions.
enum KeyedHash {
    static func mac(
        key: borrowing SymmetricKey,
        outputLength: Int = 32,
        _ parts: [UInt8]...
    ) throws(CredVaultError) -> [UInt8] {
        try mac(key: key, outputLength: outputLength, parts: parts, secret: nil)
    }

    /// BLAKE2b over `parts` followed by `secret`, keyed with `key`. The secret goes straight
    /// from secure memory into the hash state; it is never copied into an array.
    static func mac(
        key: borrowing SymmetricKey,
        outputLength: Int,
        parts: [[UInt8]],
        secret: UnsafeRawBufferPointer?
    ) throws(CredVaultError) -> [UInt8] {
        try key.withUnsafeBytes { (keyBytes) throws(CredVaultError) -> [UInt8] in
            try hash(rawKey: keyBytes, outputLength: outputLength, parts: parts, secret: secret)
        }
    }

    /// The BLAKE2b core under `mac`: any key length libsodium takes (0 = unkeyed, up to 64
    /// bytes) and any output length from 1 to 64 bytes, so published vectors can be checked
    /// against the very code the vault runs.
    static func hash(
        rawKey: UnsafeRawBufferPointer,
        outputLength: Int,
        parts: [[UInt8]],
        secret: UnsafeRawBufferPointer? = nil
    ) throws(CredVaultError) -> [UInt8] {
        guard (1...Int(crypto_generichash_BYTES_MAX)).contains(outputLength),
              rawKey.count <= Int(crypto_generichash_KEYBYTES_MAX) else {
            throw .crypto("BLAKE2b takes at most \(crypto_generichash_KEYBYTES_MAX) key bytes and 1 to \(crypto_generichash_BYTES_MAX) output bytes")
        }
        // The state struct is opaque to Swift (it is 64-byte aligned); allocate it by size.
        let stateSize = crypto_generichash_statebytes()
        let stateMemory = UnsafeMutableRawPointer.allocate(byteCount: stateSize, alignment: 64)
        defer {
            sodium_memzero(stateMemory, stateSize)
            stateMemory.deallocate()
        }
        let state = OpaquePointer(stateMemory)
        var output = [UInt8](repeating: 0, count: outputLength)
        let ok: Bool = {
            guard crypto_generichash_init(
                state, rawKey.count > 0 ? rawKey.baseAddress!.assumingMemoryBound(to: UInt8.self) : nil,
                rawKey.count, outputLength) == 0 else { return false }
            for part in parts {
                guard crypto_generichash_update(state, part, UInt64(part.count)) == 0 else { return false }
            }
            if let secret, secret.count > 0 {
                guard crypto_generichash_update(
                    state, secret.baseAddress!.assumingMemoryBound(to: UInt8.self),
                    UInt64(secret.count)) == 0 else { return false }
            }
            return crypto_generichash_final(state, &output, outputLength) == 0
        }()
        guard ok else { throw .crypto("BLAKE2b failed") }
        return output
    }

    /// Constant-time comparison of two MACs or key checks.
    static func equal(_ lhs: [UInt8], _ rhs: [UInt8]) -> Bool {
        lhs.count == rhs.count && sodium_memcmp(lhs, rhs, lhs.count) == 0
    }
}

/// Identifies a password version without revealing it: BLAKE2b-128 keyed with the
/// fingerprint subkey over (forest, password). Without the master key nobody can test a
/// guess against it.
public struct Fingerprint: Sendable, Hashable, CustomStringConvertible {
    /// 32 lowercase hex digits.
    public let hex: String

    public init(hex: String) { self.hex = hex }

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
            try KeyedHash.mac(key: key, outputLength: 16, parts: [prefix.bytes], secret: secret)
        }
        return Fingerprint(hex: Hex.encode(digest))
    }
}

enum Hex {
    private static let digits = Array("0123456789abcdef".utf8)

    static func encode(_ bytes: some Collection<UInt8>) -> String {
        var out = [UInt8]()
        out.reserveCapacity(bytes.count * 2)
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    static func decode(_ text: String) -> [UInt8]? {
        let utf8 = Array(text.utf8)
        guard utf8.count % 2 == 0 else { return nil }
        var out = [UInt8]()
        out.reserveCapacity(utf8.count / 2)
        var index = 0
        while index < utf8.count {
            guard let high = value(utf8[index]), let low = value(utf8[index + 1]) else { return nil }
            out.append(high << 4 | low)
            index += 2
        }
        return out
    }

    private static func value(_ digit: UInt8) -> UInt8? {
        switch digit {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return digit - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return digit - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return digit - UInt8(ascii: "A") + 10
        default: return nil
        }
    }
}

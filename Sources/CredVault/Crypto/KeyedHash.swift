internal import CSodium

/// Keyed BLAKE2b (crypto_generichash): MACs for the audit chain and connector rows,
/// key-check values for slots, fingerprints of password versions.
enum KeyedHash {
    /// The length of every MAC and key check the vault stores (BLAKE2b-256).
    static let macLength = 32

    static func mac(
        key: borrowing SymmetricKey,
        outputLength: Int = KeyedHash.macLength,
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

internal import CSodium
#if canImport(Glibc)
import Glibc
#endif

/// Bytes that must not outlive their use: keys, passwords, decrypted plaintext.
///
/// Storage comes from `sodium_malloc` (guard pages, locked against swapping, kept out of
/// core dumps), for small values a slice of the shared `SecureArena` region, and is zeroed
/// when the value dies. The type is noncopyable, so a secret
/// exists in exactly one place and cannot be duplicated by accident; its bytes are
/// reachable only inside `withUnsafeBytes`.
public struct SecureBytes: ~Copyable {
    private let base: UnsafeMutableRawPointer
    /// The size allocated; `count` is at most this (less only after `reuse(copying:)`).
    private let capacity: Int
    public private(set) var count: Int

    /// Zero-filled secure storage of `count` bytes.
    public init(count: Int) throws(CredVaultError) {
        try Sodium.ensureInitialized()
        precondition(count >= 0, "negative size")
        // sodium_malloc(0) is allowed to return NULL; one byte keeps the pointer valid.
        guard let pointer = SecureArena.shared.allocate(count) ?? sodium_malloc(Swift.max(count, 1)) else {
            throw .crypto("out of secure memory")
        }
        sodium_memzero(pointer, Swift.max(count, 1))
        self.base = pointer
        self.capacity = count
        self.count = count
    }

    /// Replaces the contents with a copy of `bytes`, which must fit the size this value was
    /// made with, wiping what was there. A loop that handles one secret after another
    /// (`import`) keeps one buffer this way instead of a `sodium_malloc`/`sodium_free` (two
    /// page mappings) per secret.
    mutating func reuse(copying bytes: UnsafeRawBufferPointer) {
        precondition(bytes.count <= capacity, "reuse beyond capacity")
        sodium_memzero(base, count)  // bytes past `count` are zero already
        if let source = bytes.baseAddress, bytes.count > 0 {
            base.copyMemory(from: source, byteCount: bytes.count)
        }
        count = bytes.count
    }

    /// A copy of `bytes` in secure storage. The caller stays responsible for wiping its source.
    public init(copying bytes: UnsafeRawBufferPointer) throws(CredVaultError) {
        try self.init(count: bytes.count)
        if let source = bytes.baseAddress, bytes.count > 0 {
            base.copyMemory(from: source, byteCount: bytes.count)
        }
    }

    /// `count` bytes from libsodium's CSPRNG.
    public static func random(count: Int) throws(CredVaultError) -> SecureBytes {
        let bytes = try SecureBytes(count: count)
        randombytes_buf(bytes.base, count)
        return bytes
    }

    deinit {
        if !SecureArena.shared.release(base, count: capacity) { sodium_free(base) }
    }

    public func withUnsafeBytes<R: ~Copyable, E: Error>(
        _ body: (UnsafeRawBufferPointer) throws(E) -> R
    ) throws(E) -> R {
        try body(UnsafeRawBufferPointer(start: base, count: count))
    }

    public mutating func withUnsafeMutableBytes<R: ~Copyable, E: Error>(
        _ body: (UnsafeMutableRawBufferPointer) throws(E) -> R
    ) throws(E) -> R {
        try body(UnsafeMutableRawBufferPointer(start: base, count: count))
    }

    /// Constant-time equality (`sodium_memcmp`); lengths are public.
    public func constantTimeEquals(_ other: borrowing SecureBytes) -> Bool {
        guard count == other.count else { return false }
        return other.withUnsafeBytes { sodium_memcmp(base, $0.baseAddress!, count) == 0 }
    }

    /// A new value holding bytes `range` of this one.
    public func slice(_ range: Range<Int>) throws(CredVaultError) -> SecureBytes {
        precondition(range.lowerBound >= 0 && range.upperBound <= count, "slice out of bounds")
        return try withUnsafeBytes { (raw) throws(CredVaultError) -> SecureBytes in
            try SecureBytes(copying: UnsafeRawBufferPointer(rebasing: raw[range]))
        }
    }

    /// Offset of the first occurrence of these bytes in `haystack` at or after `start`.
    public func firstOccurrence(in haystack: UnsafeRawBufferPointer, from start: Int) -> Int? {
        guard count > 0, haystack.count >= count, start <= haystack.count - count else { return nil }
        let needle = UnsafeRawBufferPointer(start: base, count: count)
        var index = start
        while index <= haystack.count - count {
            if haystack[index] == needle[0],
               memcmp(haystack.baseAddress! + index, base, count) == 0 {
                return index
            }
            index += 1
        }
        return nil
    }
}

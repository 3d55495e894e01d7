import Glibc

/// Comparisons of raw column bytes with the C library (memcmp, memchr): the hot reads of
/// `audit verify` check bytes straight from SQLite, where generic element-by-element
/// collection code cost more than the rest of the check.
enum RawBytes {
    static func equal(_ lhs: UnsafeRawBufferPointer, _ rhs: UnsafeRawBufferPointer) -> Bool {
        guard lhs.count == rhs.count else { return false }
        guard lhs.count > 0, let left = lhs.baseAddress, let right = rhs.baseAddress else { return true }
        return memcmp(left, right, lhs.count) == 0
    }

    static func equal(_ lhs: UnsafeRawBufferPointer, _ rhs: [UInt8]) -> Bool {
        lhs.count == rhs.count && rhs.withUnsafeBytes { equal(lhs, $0) }
    }

    static func containsNUL(_ bytes: UnsafeRawBufferPointer) -> Bool {
        guard let base = bytes.baseAddress, bytes.count > 0 else { return false }
        return memchr(base, 0, bytes.count) != nil
    }

    /// ASCII without NUL: for such bytes String equality is byte equality.
    static func isPlainASCII(_ bytes: UnsafeRawBufferPointer) -> Bool {
        !containsNUL(bytes) && bytes.allSatisfy { $0 < 0x80 }
    }

    /// SQLite's BINARY collation: bytes, then length (-1, 0 or 1).
    static func compare(_ lhs: UnsafeRawBufferPointer, _ rhs: UnsafeRawBufferPointer) -> Int {
        let common = min(lhs.count, rhs.count)
        if common > 0, let left = lhs.baseAddress, let right = rhs.baseAddress {
            let order = memcmp(left, right, common)
            if order != 0 { return order < 0 ? -1 : 1 }
        }
        return lhs.count == rhs.count ? 0 : (lhs.count < rhs.count ? -1 : 1)
    }
}

/// A growable byte buffer the streamed JSON writers fill (`audit --json`, `list --json`):
/// raw memory with one capacity check per append, so a million lines cost no Array
/// uniqueness checks, no bounds traps and no allocation once the buffer has grown. Strings go
/// in through `JSONStringCodec` (the one escaper), numbers as their digits.
public struct JSONBytes: ~Copyable {
    private var base: UnsafeMutableRawPointer
    private var capacity: Int
    public private(set) var count = 0

    public init(capacity: Int = 64 << 10) {
        self.capacity = max(capacity, 64)
        base = UnsafeMutableRawPointer.allocate(byteCount: self.capacity, alignment: 16)
    }

    deinit {
        base.deallocate()
    }

    /// Where `extra` more bytes go (the buffer grows when they do not fit); `commit` counts them.
    @inline(__always)
    mutating func reserve(_ extra: Int) -> UnsafeMutableRawPointer {
        if count + extra > capacity { grow(to: count + extra) }
        return base + count
    }

    @inline(__always)
    mutating func commit(_ written: Int) {
        count += written
    }

    private mutating func grow(to needed: Int) {
        var larger = capacity * 2
        while larger < needed { larger *= 2 }
        let moved = UnsafeMutableRawPointer.allocate(byteCount: larger, alignment: 16)
        moved.copyMemory(from: base, byteCount: count)
        base.deallocate()
        base = moved
        capacity = larger
    }

    public mutating func append(_ bytes: UnsafeRawBufferPointer) {
        guard let source = bytes.baseAddress, bytes.count > 0 else { return }
        reserve(bytes.count).copyMemory(from: source, byteCount: bytes.count)
        count += bytes.count
    }

    public mutating func append(_ byte: UInt8) {
        reserve(1).storeBytes(of: byte, as: UInt8.self)
        count += 1
    }

    /// Literal JSON syntax (`{"seq":`), which needs no escaping.
    @inline(__always)
    public mutating func append(_ text: StaticString) {
        // Inlined, the length is a constant and the copy a few moves.
        let length = text.utf8CodeUnitCount
        reserve(length).copyMemory(from: text.utf8Start, byteCount: length)
        count += length
    }

    /// `String(value)`'s digits, without making the String.
    public mutating func appendDecimal(_ value: Int64) {
        var magnitude = value.magnitude
        var digits = 1
        var rest = magnitude
        while rest >= 10 { rest /= 10; digits += 1 }
        let sign = value < 0 ? 1 : 0
        let out = reserve(sign + digits)
        if sign == 1 { out.storeBytes(of: UInt8(ascii: "-"), as: UInt8.self) }
        var index = sign + digits
        repeat {
            index -= 1
            out.storeBytes(of: UInt8(ascii: "0") + UInt8(magnitude % 10), toByteOffset: index, as: UInt8.self)
            magnitude /= 10
        } while magnitude > 0
        count += sign + digits
    }

    public mutating func appendDecimal(_ value: Int) {
        appendDecimal(Int64(value))
    }

    /// Forgets everything from `length` on (a writer taking back what it started).
    mutating func truncate(to length: Int) {
        count = min(count, length)
    }

    /// Empties the buffer, keeping its memory.
    public mutating func removeAll() {
        count = 0
    }

    public func withUnsafeBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        try body(UnsafeRawBufferPointer(start: base, count: count))
    }
}

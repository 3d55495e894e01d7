/// The `CanonicalEncoder` encoding written into one reused block of raw memory: a field is
/// its 5-byte header and one copy. `audit verify` encodes every event and every version
/// row, and `Array.append(contentsOf:)` cost more per field than the copy itself
/// (docs/DESIGN-NOTES.md, "audit verify at scale"). Holds no secrets: rows' public columns.
final class CanonicalBuffer: CanonicalSink {
    private var base: UnsafeMutableRawPointer
    private var capacity: Int
    private(set) var count = 0

    init(capacity: Int = 1024) {
        self.capacity = max(capacity, 16)
        base = UnsafeMutableRawPointer.allocate(byteCount: self.capacity, alignment: 16)
    }

    deinit {
        base.deallocate()
    }

    /// The bytes written since the last `reset`; valid until the next append.
    var bytes: UnsafeRawBufferPointer { UnsafeRawBufferPointer(start: base, count: count) }

    func reset() {
        count = 0
    }

    // Inlined into the row encoders: a call per field was a third of the field's cost.
    @inline(__always)
    func append(_ field: UnsafeRawBufferPointer) {
        reserve(5 + field.count)
        let length = UInt32(field.count)
        base.storeBytes(of: 1, toByteOffset: count, as: UInt8.self)
        base.storeBytes(of: length.bigEndian, toByteOffset: count + 1, as: UInt32.self)
        if let source = field.baseAddress, field.count > 0 {
            (base + count + 5).copyMemory(from: source, byteCount: field.count)
        }
        count += 5 + field.count
    }

    func append(_ number: Int64) {
        withUnsafeBytes(of: number.bigEndian) { append($0) }
    }

    @inline(__always)
    func appendAbsent() {
        reserve(1)
        base.storeBytes(of: 0, toByteOffset: count, as: UInt8.self)
        count += 1
    }

    @inline(__always)
    private func reserve(_ more: Int) {
        if count + more > capacity { grow(to: count + more) }
    }

    @inline(never)
    private func grow(to needed: Int) {
        let grown = max(capacity * 2, needed)
        let larger = UnsafeMutableRawPointer.allocate(byteCount: grown, alignment: 16)
        larger.copyMemory(from: base, byteCount: count)
        base.deallocate()
        base = larger
        capacity = grown
    }
}

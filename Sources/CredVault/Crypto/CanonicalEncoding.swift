/// An unambiguous byte encoding of a list of fields, for AEAD associated data and audit MACs.
///
/// Each field is a one-byte tag (0 = absent, 1 = bytes) followed, for bytes, by a 4-byte
/// big-endian length and the bytes. No choice of field contents can make two different
/// lists encode alike, which a plain join with separators cannot promise.
struct CanonicalEncoder {
    private(set) var bytes: [UInt8] = []

    init(capacity: Int = 128) {
        bytes.reserveCapacity(capacity)
    }

    mutating func append(_ field: some Collection<UInt8>) {
        bytes.append(1)
        let length = UInt32(field.count)
        bytes.append(UInt8(truncatingIfNeeded: length >> 24))
        bytes.append(UInt8(truncatingIfNeeded: length >> 16))
        bytes.append(UInt8(truncatingIfNeeded: length >> 8))
        bytes.append(UInt8(truncatingIfNeeded: length))
        bytes.append(contentsOf: field)
    }

    /// `append` of raw bytes with one copy of the header: the audit verifier encodes 14
    /// fields of every event straight from SQLite's column pointers.
    mutating func append(_ field: UnsafeRawBufferPointer) {
        let length = UInt32(field.count)
        let header = (UInt8(1), UInt8(truncatingIfNeeded: length >> 24), UInt8(truncatingIfNeeded: length >> 16),
                      UInt8(truncatingIfNeeded: length >> 8), UInt8(truncatingIfNeeded: length))
        // As typed buffers: Array copies those in one piece, a raw buffer byte by byte.
        withUnsafeBytes(of: header) { bytes.append(contentsOf: $0.assumingMemoryBound(to: UInt8.self)) }
        bytes.append(contentsOf: field.assumingMemoryBound(to: UInt8.self))
    }

    /// Empties the buffer, keeping its memory: the audit verifier reuses one encoder per walk.
    mutating func reset() {
        bytes.removeAll(keepingCapacity: true)
    }

    /// A field that is not there (an optional left nil).
    mutating func appendAbsent() {
        bytes.append(0)
    }

    mutating func append(_ text: String) {
        // Contiguous UTF-8 in one copy, not the generic collection path byte by byte.
        var text = text
        text.withUTF8 { append(UnsafeRawBufferPointer($0)) }
    }

    mutating func append(_ field: [UInt8]) {
        field.withUnsafeBytes { append($0) }
    }

    mutating func append(_ number: Int64) {
        var bigEndian = number.bigEndian
        withUnsafeBytes(of: &bigEndian) { append($0) }
    }

    mutating func append(_ number: Int) {
        append(Int64(number))
    }

    mutating func appendOptional(_ text: String?) {
        if let text { append(text) } else { appendAbsent() }
    }

    mutating func appendOptional(_ number: Int?) {
        if let number { append(number) } else { appendAbsent() }
    }
}

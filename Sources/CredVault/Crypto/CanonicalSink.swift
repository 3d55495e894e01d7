/// Where the canonical field encoding (`CanonicalEncoder`'s format) is written: a
/// `CanonicalEncoder` (an array, for one record) or a `CanonicalBuffer` (one reused block
/// of raw memory, for the million rows `audit verify` encodes). Code that encodes a stored
/// row from its column bytes is written once, generic over the sink.
protocol CanonicalSink {
    mutating func append(_ field: UnsafeRawBufferPointer)
    mutating func append(_ number: Int64)
    mutating func appendAbsent()
}

extension CanonicalSink {
    mutating func append(bytes field: [UInt8]) {
        field.withUnsafeBytes { append($0) }
    }
}

extension CanonicalEncoder: CanonicalSink {}

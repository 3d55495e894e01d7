import Testing
@testable import CredVault

/// `CanonicalBuffer` writes the very bytes `CanonicalEncoder` does: the audit chain's and
/// the version rows' MACs are checked over them.
@Suite("Canonical buffer")
struct CanonicalBufferTests {
    static func write(_ sink: inout some CanonicalSink, round: Int) {
        sink.append(bytes: Array("credvault-audit-v1".utf8))
        sink.append(Int64(-2 - round))
        sink.appendAbsent()
        sink.append(bytes: [])
        sink.append(bytes: [UInt8](repeating: 0x61, count: 300))
    }

    @Test("fields, numbers and absent fields encode as CanonicalEncoder encodes them, also after growing and reset")
    func sameBytes() {
        var buffer = CanonicalBuffer(capacity: 4)
        for round in 0..<2 {
            buffer.reset()
            var encoder = CanonicalEncoder()
            Self.write(&buffer, round: round)
            Self.write(&encoder, round: round)
            #expect([UInt8](buffer.bytes) == encoder.bytes)
        }
    }
}

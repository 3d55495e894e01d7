import Testing
@testable import CredVault

@Suite("Canonical encoding")
struct CanonicalEncoderTests {
    static func encode(_ fields: [String?]) -> [UInt8] {
        var encoder = CanonicalEncoder()
        for field in fields { encoder.appendOptional(field) }
        return encoder.bytes
    }

    @Test("a field is a 1 tag, a 4-byte big-endian length and the bytes; absent is a 0 tag")
    func layout() {
        var encoder = CanonicalEncoder()
        encoder.append("ab")
        encoder.appendOptional(nil as String?)
        encoder.append(Int64(258))
        #expect(encoder.bytes == [1, 0, 0, 0, 2, 0x61, 0x62, 0, 1, 0, 0, 0, 8, 0, 0, 0, 0, 0, 0, 1, 2])
    }

    @Test("lists that a separator join would confuse encode differently", arguments: [
        ([Optional("ab"), "c"], [Optional("a"), "bc"]),
        (["a|b"], ["a", "b"]),
        (["", ""], [""]),
        ([""], [nil]),
        ([nil, "x"], ["x", nil]),
        (["\u{0}\u{0}\u{0}\u{1}a"], ["", "a"]),
        ([String(decoding: [1, 0, 0, 0, 1, 0x61], as: UTF8.self)], ["a", ""]),
    ] as [([String?], [String?])])
    func unambiguous(_ pair: ([String?], [String?])) {
        #expect(Self.encode(pair.0) != Self.encode(pair.1))
    }

    @Test("the same list always encodes the same way")
    func deterministic() {
        #expect(Self.encode(["contoso.com", nil, "3"]) == Self.encode(["contoso.com", nil, "3"]))
    }

    @Test("optional numbers: absent differs from zero")
    func optionalNumbers() {
        var absent = CanonicalEncoder()
        absent.appendOptional(nil as Int?)
        var zero = CanonicalEncoder()
        zero.appendOptional(0 as Int?)
        #expect(absent.bytes != zero.bytes)
        #expect(zero.bytes == [1, 0, 0, 0, 8, 0, 0, 0, 0, 0, 0, 0, 0])
    }
}

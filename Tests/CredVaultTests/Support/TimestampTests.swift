#if canImport(Glibc)
import Glibc
#endif
import Testing
@testable import CredVault

@Suite("Timestamps")
struct TimestampTests {
    @Test("format gives RFC 3339 UTC with milliseconds", arguments: [
        (0, 0, "1970-01-01T00:00:00.000Z"),
        (1_700_000_000, 123, "2023-11-14T22:13:20.123Z"),
        (951_782_400, 7, "2000-02-29T00:00:00.007Z"),
        (4_102_444_799, 999, "2099-12-31T23:59:59.999Z"),
    ])
    func format(_ vector: (seconds: Int, milliseconds: Int, text: String)) {
        #expect(Timestamp.format(seconds: vector.seconds, milliseconds: vector.milliseconds) == vector.text)
    }

    @Test("stamp (date and time formatted once per second) gives format's text", arguments: [
        (0, 0), (0, 999), (1_700_000_000, 123), (1_700_000_001, 5), (1_700_000_000, 40), (951_782_400, 7),
    ])
    func stamp(_ vector: (seconds: Int, milliseconds: Int)) {
        #expect(Timestamp.stamp(seconds: vector.seconds, milliseconds: vector.milliseconds)
            == Timestamp.format(seconds: vector.seconds, milliseconds: vector.milliseconds))
    }

    @Test("now() is well-formed, UTC, and close to the clock")
    func now() throws {
        let text = Timestamp.now()
        let bytes = Array(text.utf8)
        #expect(bytes.count == 24)
        #expect(text.hasSuffix("Z"))
        for (index, byte) in bytes.enumerated() {
            switch index {
            case 4, 7: #expect(byte == UInt8(ascii: "-"))
            case 10: #expect(byte == UInt8(ascii: "T"))
            case 13, 16: #expect(byte == UInt8(ascii: ":"))
            case 19: #expect(byte == UInt8(ascii: "."))
            case 23: #expect(byte == UInt8(ascii: "Z"))
            default: #expect(byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"), "\(text)")
            }
        }
        let parsed = try #require(Timestamp.parse(text))
        #expect(abs(parsed - Double(time(nil))) < 60)
    }

    @Test("parse reads what format writes", arguments: [0, 1, 951_782_400, 1_700_000_000, 1_790_000_000])
    func roundTrip(_ seconds: Int) throws {
        for milliseconds in [0, 1, 500, 999] {
            let parsed = try #require(Timestamp.parse(Timestamp.format(seconds: seconds, milliseconds: milliseconds)))
            #expect(abs(parsed - (Double(seconds) + Double(milliseconds) / 1000)) < 0.0005)
        }
    }

    @Test("parse accepts offsets, lower-case separators and bare dates", arguments: [
        ("2023-11-14T22:13:20Z", 1_700_000_000.0),
        ("2023-11-14T22:13:20.5Z", 1_700_000_000.5),
        ("2023-11-14t22:13:20z", 1_700_000_000.0),
        ("2023-11-14 22:13:20Z", 1_700_000_000.0),
        ("2023-11-14T23:13:20+01:00", 1_700_000_000.0),
        ("2023-11-14T17:13:20-05:00", 1_700_000_000.0),
        ("2023-11-14", 1_699_920_000.0),
    ])
    func parseForms(_ vector: (text: String, seconds: Double)) throws {
        let parsed = try #require(Timestamp.parse(vector.text))
        #expect(abs(parsed - vector.seconds) < 0.0005)
    }

    @Test("parse refuses what is not a time", arguments: [
        "", "garbage", "2023-11", "2023-13-01", "2023-00-10", "2023-11-32", "2023-11-14T", "2023-11-14T22:13:20",
        "2023-11-14T24:00:00Z", "2023-11-14T22:60:00Z", "2023-11-14T22:13:20.Z", "2023-11-14T22:13:20ZZ",
        "2023-11-14T22:13:20+0100", "2023-11-14T22:13:20+01", "2023/11/14", "２０２３-11-14",
    ])
    func rejects(_ text: String) {
        #expect(Timestamp.parse(text) == nil)
    }
}

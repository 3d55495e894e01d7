import Foundation
import Testing
@testable import CredVault

/// The one JSON string codec: audit details have always been stored with these escapes, so
/// the bytes are pinned, and what it writes JSONSerialization reads back unchanged.
@Suite("JSON string codec (library)")
struct JSONStringCodecTests {
    @Test("the escapes audit details have always used", arguments: [
        ("plain", #""plain""#),
        ("q\"b\\s/", #""q\"b\\s/""#),
        ("line\nbreak\r\ttab", #""line\nbreak\r\ttab""#),
        ("\u{08}\u{0C}\u{1B}\u{00}", #""\u0008\u000c\u001b\u0000""#),
        ("del\u{7F} é ✓ 🙂", "\"del\u{7F} é ✓ 🙂\""),
    ])
    func pinned(text: String, quoted: String) {
        #expect(JSONStringCodec.quote(text) == quoted)
    }

    @Test("quote and decode are inverse, and JSONSerialization agrees")
    func roundTrip() throws {
        for text in ["", "a", "svc-\"x\"\\y", "\u{01}\u{1F}\n", "tickét ✓ 42", "\u{7F}🙂"] {
            let literal = JSONStringCodec.quote(text)
            let parsed = try JSONSerialization.jsonObject(with: Data("[\(literal)]".utf8)) as? [String]
            #expect(parsed == [text])
            let inner = Array(literal.utf8.dropFirst().dropLast())
            var out = [UInt8](repeating: 0, count: inner.count)
            let length = inner.withUnsafeBytes { raw in out.withUnsafeMutableBytes { JSONStringCodec.decode(raw, into: $0) } }
            #expect(length.map { String(decoding: out[0..<$0], as: UTF8.self) } == text)
        }
    }

    @Test("a secret is quoted from secure memory to secure memory")
    func secret() throws {
        let quoted = try JSONStringCodec.quoted(TestBytes.secure(#"Pw"with\slash"#))
        #expect(TestBytes.array(quoted) == Array(#""Pw\"with\\slash""#.utf8))
    }

    @Test("audit detail reads back through the codec; a surrogate pair decodes; a bad escape does not")
    func flatJSON() {
        let detail = AuditLog.encodeDetail(["b": "x\ny", "a": "\"q\""])
        #expect(detail == #"{"a":"\"q\"","b":"x\ny"}"#)
        #expect(FlatJSON.parse(detail)?.map { $0.value } == ["\"q\"", "x\ny"])
        #expect(FlatJSON.parse(#"{"k":"\ud83d\ude42"}"#)?.first?.value == "🙂")
        #expect(FlatJSON.parse(#"{"k":"\q"}"#) == nil)
        #expect(FlatJSON.parse(#"{"k":"v"} trailing"#) == nil)
    }
}

/// Reads the flat `{"key":"value",…}` objects `AuditLog.encodeDetail` writes; string
/// literals go through the one `JSONStringCodec`. Nil for anything else.
enum FlatJSON {
    static func parse(_ text: String) -> [(key: String, value: String)]? {
        var reader = Reader(bytes: Array(text.utf8))
        return reader.object()
    }

    private struct Reader {
        let bytes: [UInt8]
        var index = 0

        mutating func skipSpaces() {
            while index < bytes.count, [0x20, 0x0a, 0x09, 0x0d].contains(bytes[index]) { index += 1 }
        }

        mutating func expect(_ byte: UInt8) -> Bool {
            skipSpaces()
            guard index < bytes.count, bytes[index] == byte else { return false }
            index += 1
            return true
        }

        mutating func string() -> String? {
            guard expect(UInt8(ascii: "\"")) else { return nil }
            let start = index
            while index < bytes.count, bytes[index] != UInt8(ascii: "\"") {
                index += bytes[index] == UInt8(ascii: "\\") ? 2 : 1
            }
            guard index < bytes.count else { return nil }
            let inner = bytes[start..<index]
            index += 1
            var decoded = [UInt8](repeating: 0, count: inner.count)
            let length = inner.withUnsafeBytes { raw in
                decoded.withUnsafeMutableBytes { JSONStringCodec.decode(raw, into: $0) }
            }
            guard let length else { return nil }
            return String(decoding: decoded[0..<length], as: UTF8.self)
        }

        mutating func object() -> [(key: String, value: String)]? {
            guard expect(UInt8(ascii: "{")) else { return nil }
            var fields: [(key: String, value: String)] = []
            if expect(UInt8(ascii: "}")) { return atEnd() ? fields : nil }
            while true {
                guard let key = string(), expect(UInt8(ascii: ":")), let value = string() else { return nil }
                fields.append((key, value))
                if expect(UInt8(ascii: ",")) { continue }
                guard expect(UInt8(ascii: "}")) else { return nil }
                return atEnd() ? fields : nil
            }
        }

        mutating func atEnd() -> Bool {
            skipSpaces()
            return index == bytes.count
        }
    }
}

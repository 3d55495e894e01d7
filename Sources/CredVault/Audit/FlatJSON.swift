/// Reads the flat `{"key":"value",…}` objects `AuditLog.encodeDetail` writes; string
/// literals go through the one `JSONStringCodec`. Nil (false) for anything else.
enum FlatJSON {
    static func parse(_ text: String) -> [(key: String, value: String)]? {
        var fields: [(key: String, value: String)] = []
        var scratch: [UInt8] = []
        let parsed = Array(text.utf8).withUnsafeBytes { bytes in
            forEachField(in: bytes, scratch: &scratch) { key, value in
                fields.append((String(decoding: key, as: UTF8.self), String(decoding: value, as: UTF8.self)))
            }
        }
        return parsed ? fields : nil
    }

    /// Calls `body` with each field's decoded key and value, in order, and returns whether
    /// the whole of `bytes` is a flat object. Decoding a literal that fails ends the walk
    /// (false); fields already passed to `body` are then the caller's to discard.
    /// `scratch` is reused for the decoded bytes (`audit --json` walks a million details).
    static func forEachField(
        in bytes: UnsafeRawBufferPointer, scratch: inout [UInt8],
        _ body: (UnsafeRawBufferPointer, UnsafeRawBufferPointer) -> Void
    ) -> Bool {
        // Key and value decode into the two halves: a literal never decodes longer than it is.
        if scratch.count < 2 * bytes.count { scratch = [UInt8](repeating: 0, count: 2 * bytes.count) }
        return scratch.withUnsafeMutableBytes { space in
            let half = bytes.count
            var reader = Reader(bytes: bytes)
            guard reader.expect(UInt8(ascii: "{")) else { return false }
            if reader.expect(UInt8(ascii: "}")) { return reader.atEnd() }
            while true {
                guard let keyLiteral = reader.literal(), reader.expect(UInt8(ascii: ":")),
                      let valueLiteral = reader.literal(),
                      let key = decoded(keyLiteral, into: UnsafeMutableRawBufferPointer(rebasing: space[0..<half])),
                      let value = decoded(valueLiteral, into: UnsafeMutableRawBufferPointer(rebasing: space[half...]))
                else { return false }
                body(key, value)
                if reader.expect(UInt8(ascii: ",")) { continue }
                guard reader.expect(UInt8(ascii: "}")) else { return false }
                return reader.atEnd()
            }
        }
    }

    /// The decoded literal: the literal itself when it holds no escape and no control
    /// character (nearly every detail), else decoded into `space`; nil when it does not decode.
    private static func decoded(
        _ literal: UnsafeRawBufferPointer, into space: UnsafeMutableRawBufferPointer
    ) -> UnsafeRawBufferPointer? {
        // A literal holds no unescaped `"`: a plain run over all of it means no `\` and no control.
        if JSONStringCodec.plainRun(literal, from: 0) == literal.count { return literal }
        guard let length = JSONStringCodec.decode(literal, into: space) else { return nil }
        return UnsafeRawBufferPointer(rebasing: space[0..<length])
    }

    private struct Reader {
        let bytes: UnsafeRawBufferPointer
        var index = 0

        mutating func skipSpaces() {
            while index < bytes.count {
                switch bytes[index] {
                case 0x20, 0x0a, 0x09, 0x0d: index += 1
                default: return
                }
            }
        }

        mutating func expect(_ byte: UInt8) -> Bool {
            skipSpaces()
            guard index < bytes.count, bytes[index] == byte else { return false }
            index += 1
            return true
        }

        /// The inside of the next string literal, still escaped.
        mutating func literal() -> UnsafeRawBufferPointer? {
            guard expect(UInt8(ascii: "\"")) else { return nil }
            let start = index
            // From one byte that stops a plain run to the next: only `"`, `\` and controls do.
            while true {
                index = JSONStringCodec.plainRun(bytes, from: index)
                guard index < bytes.count else { return nil }
                if bytes[index] == UInt8(ascii: "\"") { break }
                index += bytes[index] == UInt8(ascii: "\\") ? 2 : 1
                guard index < bytes.count else { return nil }
            }
            defer { index += 1 }
            return UnsafeRawBufferPointer(rebasing: bytes[start..<index])
        }

        mutating func atEnd() -> Bool {
            skipSpaces()
            return index == bytes.count
        }
    }
}

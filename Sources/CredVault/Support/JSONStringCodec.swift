/// The one JSON string codec: escapes from and into caller-provided (secure) buffers, used by
/// file targets, the import parser's names, audit details, `audit --json` and `get --json`.
///
/// Encoding escapes `"`, `\`, `\n`, `\r`, `\t` by name and every other C0 control as `\u00XX`;
/// everything else (DEL and non-ASCII included) is written as it is. That is byte for byte how
/// audit details have always been stored. Passwords hold no control characters at all.
public enum JSONStringCodec {
    /// Why the inside of a string literal does not decode; the import parser words each one.
    enum DecodeFailure: Error, Equatable {
        /// A control character (below U+0020) stands unescaped.
        case rawControlCharacter
        /// The input ends right after a backslash.
        case endsInEscape
        case invalidEscape
        /// A `\u` escape has fewer than four characters left.
        case unicodeEscapeCutShort
        case nonHexDigit
        case loneSurrogate
    }

    /// Decodes the inside of a string literal into `out` (which must be at least as long as
    /// `input`); returns the decoded length, or nil for a malformed escape.
    static func decode(_ input: UnsafeRawBufferPointer, into out: UnsafeMutableRawBufferPointer) -> Int? {
        try? decodeChecked(input, into: out)
    }

    /// `decode`, saying why it failed: the first problem reading from the start.
    static func decodeChecked(
        _ input: UnsafeRawBufferPointer, into out: UnsafeMutableRawBufferPointer
    ) throws(DecodeFailure) -> Int {
        var index = 0
        var length = 0
        while index < input.count {
            let byte = input[index]
            guard byte == UInt8(ascii: "\\") else {
                guard byte >= 0x20 else { throw .rawControlCharacter }
                out[length] = byte
                length += 1
                index += 1
                continue
            }
            guard index + 1 < input.count else { throw .endsInEscape }
            let escape = input[index + 1]
            index += 2
            switch escape {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out[length] = escape; length += 1
            case UInt8(ascii: "b"): out[length] = 0x08; length += 1
            case UInt8(ascii: "f"): out[length] = 0x0c; length += 1
            case UInt8(ascii: "n"): out[length] = 0x0a; length += 1
            case UInt8(ascii: "r"): out[length] = 0x0d; length += 1
            case UInt8(ascii: "t"): out[length] = 0x09; length += 1
            case UInt8(ascii: "u"):
                let scalar = try unicodeScalar(in: input, at: &index)
                // The UTF-8 of a scalar is never longer than its escape, so `out` has room.
                length += writeUTF8(scalar, into: out, at: length)
            default:
                throw .invalidEscape
            }
        }
        return length
    }

    /// The scalar of a `\u` escape whose four hex digits start at `index`, joined with the
    /// low half that must follow a high surrogate; `index` moves past what was read.
    private static func unicodeScalar(in input: UnsafeRawBufferPointer, at index: inout Int) throws(DecodeFailure) -> UInt32 {
        let high = try hex4(input, at: &index)
        if (0xdc00...0xdfff).contains(high) { throw .loneSurrogate }
        guard (0xd800...0xdbff).contains(high) else { return high }
        guard index + 2 <= input.count, input[index] == UInt8(ascii: "\\"), input[index + 1] == UInt8(ascii: "u") else {
            throw .loneSurrogate
        }
        index += 2
        let low = try hex4(input, at: &index)
        guard (0xdc00...0xdfff).contains(low) else { throw .loneSurrogate }
        return 0x10000 + ((high - 0xd800) << 10) + (low - 0xdc00)
    }

    private static func hex4(_ input: UnsafeRawBufferPointer, at index: inout Int) throws(DecodeFailure) -> UInt32 {
        guard index + 4 <= input.count else { throw .unicodeEscapeCutShort }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let c = input[index]
            index += 1
            let digit: UInt32
            switch c {
            case 0x30...0x39: digit = UInt32(c - 0x30)
            case 0x61...0x66: digit = UInt32(c - 0x61 + 10)
            case 0x41...0x46: digit = UInt32(c - 0x41 + 10)
            default: throw .nonHexDigit
            }
            value = value << 4 | digit
        }
        return value
    }

    /// Writes `scalar` as UTF-8 at `offset`; returns how many bytes that took.
    private static func writeUTF8(_ scalar: UInt32, into out: UnsafeMutableRawBufferPointer, at offset: Int) -> Int {
        switch scalar {
        case 0..<0x80:
            out[offset] = UInt8(scalar)
            return 1
        case 0x80..<0x800:
            out[offset] = UInt8(0xc0 | scalar >> 6); out[offset + 1] = UInt8(0x80 | scalar & 0x3f)
            return 2
        case 0x800..<0x10000:
            out[offset] = UInt8(0xe0 | scalar >> 12); out[offset + 1] = UInt8(0x80 | scalar >> 6 & 0x3f)
            out[offset + 2] = UInt8(0x80 | scalar & 0x3f)
            return 3
        default:
            out[offset] = UInt8(0xf0 | scalar >> 18); out[offset + 1] = UInt8(0x80 | scalar >> 12 & 0x3f)
            out[offset + 2] = UInt8(0x80 | scalar >> 6 & 0x3f); out[offset + 3] = UInt8(0x80 | scalar & 0x3f)
            return 4
        }
    }

    static func decodedLengthIfValid(_ input: UnsafeRawBufferPointer) -> Int? {
        // Validation only: decode into a scratch buffer that holds no secret beyond this call.
        guard input.count > 0 else { return 0 }
        let scratch = UnsafeMutableRawBufferPointer.allocate(byteCount: input.count, alignment: 1)
        defer {
            scratch.initializeMemory(as: UInt8.self, repeating: 0)
            scratch.deallocate()
        }
        return decode(input, into: scratch)
    }

    /// Length of `value` as a quoted JSON string literal.
    static func encodedLength(_ value: UnsafeRawBufferPointer) -> Int {
        var length = 2
        for byte in value {
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), 0x0a, 0x0d, 0x09: length += 2
            case 0x00..<0x20: length += 6
            default: length += 1
            }
        }
        return length
    }

    private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)

    static func encode(_ value: UnsafeRawBufferPointer, into out: UnsafeMutableRawBufferPointer) {
        let digits = hexDigits
        var index = 0
        func put(_ byte: UInt8) { out[index] = byte; index += 1 }
        put(UInt8(ascii: "\""))
        for byte in value {
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"): put(UInt8(ascii: "\\")); put(byte)
            case 0x0a: put(UInt8(ascii: "\\")); put(UInt8(ascii: "n"))
            case 0x0d: put(UInt8(ascii: "\\")); put(UInt8(ascii: "r"))
            case 0x09: put(UInt8(ascii: "\\")); put(UInt8(ascii: "t"))
            case 0x00..<0x20:
                put(UInt8(ascii: "\\")); put(UInt8(ascii: "u")); put(UInt8(ascii: "0")); put(UInt8(ascii: "0"))
                put(digits[Int(byte >> 4)]); put(digits[Int(byte & 0x0f)])
            default: put(byte)
            }
        }
        put(UInt8(ascii: "\""))
    }

    /// Appends `text` as a quoted JSON string literal to `out` (streamed output: one buffer
    /// for many fields, no String per field).
    public static func appendQuoted(_ text: String, to out: inout [UInt8]) {
        var text = text
        text.withUTF8 { appendQuoted(bytes: UnsafeRawBufferPointer($0), to: &out) }
    }

    /// `appendQuoted` of UTF-8 bytes (a column read straight from SQLite). Text with nothing
    /// to escape, nearly all of it, is copied in one piece.
    static func appendQuoted(bytes raw: UnsafeRawBufferPointer, to out: inout [UInt8]) {
        let length = encodedLength(raw)
        if length == raw.count + 2 {
            out.append(UInt8(ascii: "\""))
            out.append(contentsOf: raw)
            out.append(UInt8(ascii: "\""))
            return
        }
        let start = out.count
        out.append(contentsOf: repeatElement(0, count: length))
        out.withUnsafeMutableBytes { encode(raw, into: UnsafeMutableRawBufferPointer(rebasing: $0[start...])) }
    }

    /// `text` as a quoted JSON string literal.
    public static func quote(_ text: String) -> String {
        let utf8 = Array(text.utf8)
        return utf8.withUnsafeBytes { raw in
            let length = encodedLength(raw)
            return String(unsafeUninitializedCapacity: length) { out in
                encode(raw, into: UnsafeMutableRawBufferPointer(out))
                return length
            }
        }
    }

    /// `secret` as a quoted JSON string literal, in secure memory (`get --json`).
    public static func quoted(_ secret: borrowing SecureBytes) throws(CredVaultError) -> SecureBytes {
        let length = secret.withUnsafeBytes { encodedLength($0) }
        var out = try SecureBytes(count: length)
        secret.withUnsafeBytes { raw in out.withUnsafeMutableBytes { encode(raw, into: $0) } }
        return out
    }
}

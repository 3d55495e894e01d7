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
        var length = 2 + value.count
        var index = plainRun(value, from: 0)
        while index < value.count {
            length += escapeLength(value[index]) - 1
            index = plainRun(value, from: index + 1)
        }
        return length
    }

    /// How long the escape of `byte` is; 1 for a byte written as it is.
    @inline(__always)
    private static func escapeLength(_ byte: UInt8) -> Int {
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), 0x0a, 0x0d, 0x09: 2
        case 0x00..<0x20: 6
        default: 1
        }
    }

    /// The index of the first byte at or after `start` that must be escaped (or, with
    /// `stopAtNonASCII`, that is above 0x7f); `bytes.count` when there is none. Eight bytes
    /// at a time: nearly every field of a listing holds nothing to escape.
    @inline(__always)
    static func plainRun(_ bytes: UnsafeRawBufferPointer, from start: Int, stopAtNonASCII: Bool = false) -> Int {
        guard let base = bytes.baseAddress else { return 0 }
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        let nonASCII = stopAtNonASCII ? highs : 0
        var index = start
        func special(_ word: UInt64) -> Bool {
            // A byte below 0x20, a byte equal to `"` or `\` (a zero after the xor), or a high bit.
            let control = (word &- ones &* 0x20) & ~word & highs
            let quotes = word ^ (ones &* 0x22), backslash = word ^ (ones &* 0x5c)
            let quoteZero = (quotes &- ones) & ~quotes & highs
            let backslashZero = (backslash &- ones) & ~backslash & highs
            return control | quoteZero | backslashZero | (word & nonASCII) != 0
        }
        while index + 8 <= bytes.count {
            if special(base.loadUnaligned(fromByteOffset: index, as: UInt64.self)) { break }
            index += 8
        }
        // The last few bytes as the word that ends with them (read again, never past the end).
        if index + 8 > bytes.count, index < bytes.count, bytes.count - start >= 8,
           !special(base.loadUnaligned(fromByteOffset: bytes.count - 8, as: UInt64.self)) {
            return bytes.count
        }
        while index < bytes.count {
            let byte = bytes[index]
            if byte < 0x20 || byte == 0x22 || byte == 0x5c || (stopAtNonASCII && byte >= 0x80) { return index }
            index += 1
        }
        return index
    }

    /// Whether every byte is below 0x80, eight at a time.
    static func isASCII(_ bytes: UnsafeRawBufferPointer) -> Bool {
        guard let base = bytes.baseAddress else { return true }
        var high: UInt64 = 0
        var index = 0
        while index + 8 <= bytes.count {
            high |= base.loadUnaligned(fromByteOffset: index, as: UInt64.self)
            index += 8
        }
        while index < bytes.count {
            high |= UInt64(bytes[index])
            index += 1
        }
        return high & 0x8080_8080_8080_8080 == 0
    }

    private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)

    /// Writes `value` quoted and escaped at `target`, which has room for `encodedLength`;
    /// `plain` is `plainRun(value, from: 0)`. Returns the length written.
    private static func writeQuoted(_ value: UnsafeRawBufferPointer, plain: Int, to target: UnsafeMutableRawPointer) -> Int {
        var written = 0
        func put(_ byte: UInt8) { target.storeBytes(of: byte, toByteOffset: written, as: UInt8.self); written += 1 }
        put(UInt8(ascii: "\""))
        var start = 0
        var end = plain
        while true {
            if end > start {
                (target + written).copyMemory(from: value.baseAddress! + start, byteCount: end - start)
                written += end - start
            }
            guard end < value.count else { break }
            let byte = value[end]
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"): put(UInt8(ascii: "\\")); put(byte)
            case 0x0a: put(UInt8(ascii: "\\")); put(UInt8(ascii: "n"))
            case 0x0d: put(UInt8(ascii: "\\")); put(UInt8(ascii: "r"))
            case 0x09: put(UInt8(ascii: "\\")); put(UInt8(ascii: "t"))
            default:
                put(UInt8(ascii: "\\")); put(UInt8(ascii: "u")); put(UInt8(ascii: "0")); put(UInt8(ascii: "0"))
                put(hexDigits[Int(byte >> 4)]); put(hexDigits[Int(byte & 0x0f)])
            }
            start = end + 1
            end = plainRun(value, from: start)
        }
        put(UInt8(ascii: "\""))
        return written
    }

    static func encode(_ value: UnsafeRawBufferPointer, into out: UnsafeMutableRawBufferPointer) {
        _ = writeQuoted(value, plain: plainRun(value, from: 0), to: out.baseAddress!)
    }

    /// Appends `text` as a quoted JSON string literal to `out` (streamed output: one buffer
    /// for many fields, no String per field).
    public static func appendQuoted(_ text: String, to out: inout [UInt8]) {
        var text = text
        text.withUTF8 { appendQuoted(bytes: UnsafeRawBufferPointer($0), to: &out) }
    }

    /// `appendQuoted` of UTF-8 bytes (a column read straight from SQLite).
    static func appendQuoted(bytes raw: UnsafeRawBufferPointer, to out: inout [UInt8]) {
        let length = encodedLength(raw)
        let start = out.count
        out.append(contentsOf: repeatElement(0, count: length))
        out.withUnsafeMutableBytes { encode(raw, into: UnsafeMutableRawBufferPointer(rebasing: $0[start...])) }
    }

    /// `appendQuoted` into a `JSONBytes`: text with nothing to escape, nearly all of it, is
    /// copied in one piece after one scan.
    public static func appendQuoted(_ text: String, to out: inout JSONBytes) {
        var text = text
        text.withUTF8 { appendQuoted(bytes: UnsafeRawBufferPointer($0), to: &out) }
    }

    static func appendQuoted(bytes raw: UnsafeRawBufferPointer, to out: inout JSONBytes) {
        appendQuoted(bytes: raw, plain: plainRun(raw, from: 0), to: &out)
    }

    /// `appendQuoted(bytes:)` of ASCII text; false, writing nothing, when `raw` holds a byte
    /// above 0x7f (`audit --json` repairs such text as `String(decoding:)` does first).
    static func appendQuotedASCII(bytes raw: UnsafeRawBufferPointer, to out: inout JSONBytes) -> Bool {
        let plain = plainRun(raw, from: 0, stopAtNonASCII: true)
        if plain < raw.count, !isASCII(UnsafeRawBufferPointer(rebasing: raw[plain...])) { return false }
        appendQuoted(bytes: raw, plain: plain, to: &out)
        return true
    }

    private static func appendQuoted(bytes raw: UnsafeRawBufferPointer, plain: Int, to out: inout JSONBytes) {
        if plain == raw.count {
            let target = out.reserve(raw.count + 2)
            target.storeBytes(of: UInt8(ascii: "\""), as: UInt8.self)
            if raw.count > 0 { (target + 1).copyMemory(from: raw.baseAddress!, byteCount: raw.count) }
            target.storeBytes(of: UInt8(ascii: "\""), toByteOffset: raw.count + 1, as: UInt8.self)
            out.commit(raw.count + 2)
            return
        }
        out.commit(writeQuoted(raw, plain: plain, to: out.reserve(2 + 6 * raw.count)))
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

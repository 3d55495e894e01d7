/// Writes audit events as the JSON Lines records of `audit --json` (docs/audit.md): the one
/// definition of that format, for a decoded `AuditEvent` and for a row read straight from
/// SQLite (`AuditRowView`), so a million events are written without a String per field.
///
/// Strings go through `JSONStringCodec` (the one escaper). Text that is not UTF-8 (only a
/// row edited behind the vault's back holds such) is repaired as `String(decoding:)` does,
/// and a detail that is not a flat object is written as a string: the bytes are those
/// `AuditEvent.jsonLine` always wrote.
struct AuditJSONLine {
    /// Reused for decoding detail literals.
    private var scratch: [UInt8] = []

    mutating func append(_ event: some AuditJSONSource, to out: inout [UInt8]) {
        func key(_ name: StaticString) { name.withUTF8Buffer { out.append(contentsOf: $0) } }
        func text(_ field: AuditTextField) {
            event.withText(field) { bytes in
                if let bytes { AuditJSONLine.appendText(bytes, to: &out) } else { key("null") }
            }
        }
        key("{\"seq\":"); AuditJSONLine.appendDecimal(event.seq, to: &out)
        key(",\"time\":"); text(.time)
        key(",\"actor\":"); text(.actor)
        key(",\"uid\":"); AuditJSONLine.appendDecimal(event.uid, to: &out)
        key(",\"host\":"); text(.host)
        key(",\"pid\":"); AuditJSONLine.appendDecimal(event.pid, to: &out)
        key(",\"action\":"); text(.action)
        key(",\"forest\":"); text(.forest)
        key(",\"version\":")
        if let version = event.version { AuditJSONLine.appendDecimal(Int64(version), to: &out) } else { key("null") }
        key(",\"connector\":"); text(.connector)
        key(",\"outcome\":"); text(.outcome)
        key(",\"fingerprint\":"); text(.fingerprint)
        key(",\"reason\":"); text(.reason)
        key(",\"detail\":")
        event.withText(.detail) { bytes in
            if let bytes { appendDetail(bytes, to: &out) } else { key("null") }
        }
        // Hex digits need no escaping.
        key(",\"mac\":\""); event.withMAC { Hex.append($0, to: &out) }; key("\"}")
    }

    /// A flat detail object as an object, re-encoded field by field; anything else (only a
    /// tampered row looks like that) as a string.
    private mutating func appendDetail(_ bytes: UnsafeRawBufferPointer, to out: inout [UInt8]) {
        guard AuditJSONLine.isASCII(bytes) else {
            // FlatJSON reads the repaired text, as `detailFields` does.
            Array(String(decoding: bytes, as: UTF8.self).utf8).withUnsafeBytes { appendDetailObject($0, to: &out) }
            return
        }
        appendDetailObject(bytes, to: &out)
    }

    private mutating func appendDetailObject(_ bytes: UnsafeRawBufferPointer, to out: inout [UInt8]) {
        let start = out.count
        out.append(UInt8(ascii: "{"))
        var first = true
        let flat = FlatJSON.forEachField(in: bytes, scratch: &scratch) { key, value in
            if !first { out.append(UInt8(ascii: ",")) }
            first = false
            AuditJSONLine.appendText(key, to: &out)
            out.append(UInt8(ascii: ":"))
            AuditJSONLine.appendText(value, to: &out)
        }
        if flat {
            out.append(UInt8(ascii: "}"))
        } else {
            out.removeSubrange(start...)
            AuditJSONLine.appendText(bytes, to: &out)
        }
    }

    /// `bytes` as a quoted string, as `JSONStringCodec.appendQuoted(String(decoding: bytes))`.
    static func appendText(_ bytes: UnsafeRawBufferPointer, to out: inout [UInt8]) {
        if isASCII(bytes) {
            JSONStringCodec.appendQuoted(bytes: bytes, to: &out)
        } else {
            JSONStringCodec.appendQuoted(String(decoding: bytes, as: UTF8.self), to: &out)
        }
    }

    private static func isASCII(_ bytes: UnsafeRawBufferPointer) -> Bool {
        for byte in bytes where byte >= 0x80 { return false }
        return true
    }

    /// `String(value)`'s digits, without making the String.
    static func appendDecimal(_ value: Int64, to out: inout [UInt8]) {
        if value < 0 { out.append(UInt8(ascii: "-")) }
        var magnitude = value.magnitude
        let start = out.count
        repeat {
            out.append(UInt8(ascii: "0") + UInt8(magnitude % 10))
            magnitude /= 10
        } while magnitude > 0
        out[start...].reverse()
    }
}

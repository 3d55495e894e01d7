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

    mutating func append(_ event: some AuditJSONSource, to out: inout JSONBytes) {
        func text(_ field: AuditTextField, _ out: inout JSONBytes) {
            event.withText(field) { bytes in
                if let bytes { AuditJSONLine.appendText(bytes, to: &out) } else { out.append("null") }
            }
        }
        out.append("{\"seq\":"); out.appendDecimal(event.seq)
        out.append(",\"time\":"); text(.time, &out)
        out.append(",\"actor\":"); text(.actor, &out)
        out.append(",\"uid\":"); out.appendDecimal(event.uid)
        out.append(",\"host\":"); text(.host, &out)
        out.append(",\"pid\":"); out.appendDecimal(event.pid)
        out.append(",\"action\":"); text(.action, &out)
        out.append(",\"forest\":"); text(.forest, &out)
        out.append(",\"version\":")
        if let version = event.version { out.appendDecimal(version) } else { out.append("null") }
        out.append(",\"connector\":"); text(.connector, &out)
        out.append(",\"outcome\":"); text(.outcome, &out)
        out.append(",\"fingerprint\":"); text(.fingerprint, &out)
        out.append(",\"reason\":"); text(.reason, &out)
        out.append(",\"detail\":")
        event.withText(.detail) { bytes in
            if let bytes { appendDetail(bytes, to: &out) } else { out.append("null") }
        }
        // Hex digits need no escaping.
        out.append(",\"mac\":\""); event.withMAC { Hex.append($0, to: &out) }; out.append("\"}")
    }

    /// A flat detail object as an object, re-encoded field by field; anything else (only a
    /// tampered row looks like that) as a string.
    private mutating func appendDetail(_ bytes: UnsafeRawBufferPointer, to out: inout JSONBytes) {
        guard JSONStringCodec.isASCII(bytes) else {
            // FlatJSON reads the repaired text, as `detailFields` does.
            Array(String(decoding: bytes, as: UTF8.self).utf8).withUnsafeBytes { appendDetailObject($0, to: &out) }
            return
        }
        appendDetailObject(bytes, to: &out)
    }

    private mutating func appendDetailObject(_ bytes: UnsafeRawBufferPointer, to out: inout JSONBytes) {
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
            out.truncate(to: start)
            AuditJSONLine.appendText(bytes, to: &out)
        }
    }

    /// `bytes` as a quoted string, as `JSONStringCodec.appendQuoted(String(decoding: bytes))`:
    /// ASCII (nearly all text) needs no repair.
    static func appendText(_ bytes: UnsafeRawBufferPointer, to out: inout JSONBytes) {
        if !JSONStringCodec.appendQuotedASCII(bytes: bytes, to: &out) {
            JSONStringCodec.appendQuoted(String(decoding: bytes, as: UTF8.self), to: &out)
        }
    }
}

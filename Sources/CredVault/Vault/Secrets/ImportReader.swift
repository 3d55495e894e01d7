/// Reads import records one at a time from a byte source (the `import` command's standard
/// input), so an import of any size holds only the records it is parsing.
///
/// The input waits in a secure buffer that is refilled and compacted in place, names and the
/// password are decoded into a secure arena, and the password is lent from one more secure
/// buffer: all three are reused from record to record (and doubled only for a record longer
/// than they are), so an import makes a handful of `sodium_malloc` calls, not two per record.
///
/// A record is parsed only once the buffer holds all of it: up to the line break that ends it
/// (for CSV, the first one outside quotes) and `lookahead` bytes more, or the end of the input.
/// Within that window `ImportParser.Cursor` reads exactly what it would read of the whole
/// input, so every record and every error (its message and line) is the same as parsing the
/// input at once: an escape cut by a line break is resolved within 6 bytes after it.
public final class ImportReader {
    /// One record: names as text; the password is lent by `withPassword` until the next `next()`.
    public struct Record: Sendable {
        public let line: Int
        public let forest: String
        public let account: String
        public let passwordLength: Int
    }

    private static let lookahead = 8
    private let format: ImportFormat
    private let read: (UnsafeMutableRawBufferPointer) throws(CredVaultError) -> Int
    /// Input bytes; `start..<filled` are read but not parsed yet.
    private var buffer: SecureBytes
    /// The decoded fields of the record being parsed (as long as `buffer`).
    private var arena: SecureBytes
    /// The current record's password.
    private var password: SecureBytes
    private var filled = 0
    private var start = 0
    private var arenaUsed = 0
    private var endOfInput = false
    private var begun = false
    private var line = 1
    private var first = true
    /// Where the CSV header put the columns; nil before it or without one.
    private var csvColumns: CSVColumns?

    /// `read` fills as much of its argument as it can and returns how many bytes it wrote,
    /// 0 at the end of the input.
    public init(
        format: ImportFormat, chunk: Int = 64 << 10,
        read: @escaping (UnsafeMutableRawBufferPointer) throws(CredVaultError) -> Int
    ) throws(CredVaultError) {
        self.format = format
        self.read = read
        buffer = try SecureBytes(count: chunk)
        arena = try SecureBytes(count: chunk)
        password = try SecureBytes(count: chunk)
    }

    /// The next record, or nil at the end of the input. Throws for a malformed record,
    /// naming its line; nothing of it is returned.
    public func next() throws(CredVaultError) -> Record? {
        while true {
            try fillToRecordEnd()
            switch try parseStep() {
            case .end:
                return nil
            case .skipped:
                continue
            case .record(let line, let forest, let account, let range):
                arena.withUnsafeBytes { raw in password.reuse(copying: UnsafeRawBufferPointer(rebasing: raw[range])) }
                return Record(line: line, forest: forest, account: account, passwordLength: range.count)
            }
        }
    }

    /// Whether the records name their fields: JSON Lines always do, a CSV only with a header
    /// row (known once `next()` has returned the first record).
    public var namesItsFields: Bool { format == .jsonl || csvColumns != nil }

    /// Lends the password of the record `next()` returned last.
    public func withPassword<R>(_ body: (borrowing SecureBytes) throws -> R) rethrows -> R {
        try body(password)
    }

    func withPasswordBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        try password.withUnsafeBytes { try body($0) }
    }

    /// One parser step over `start..<filled`, in a cursor that carries the line and the
    /// header state from record to record.
    private func parseStep() throws(CredVaultError) -> ImportParser.Step {
        _ = arena.withUnsafeMutableBytes { out in
            // The previous record's names and password: wiped before the arena is reused.
            UnsafeMutableRawBufferPointer(rebasing: out[0..<arenaUsed]).initializeMemory(as: UInt8.self, repeating: 0)
        }
        let format = self.format
        var cursorState = (position: start, line: line, first: first, used: 0, columns: csvColumns)
        let step = try buffer.withUnsafeBytes { (raw) throws(CredVaultError) -> ImportParser.Step in
            try arena.withUnsafeMutableBytes { (out) throws(CredVaultError) -> ImportParser.Step in
                var cursor = ImportParser.Cursor(input: UnsafeRawBufferPointer(rebasing: raw[0..<filled]), arena: out)
                cursor.position = cursorState.position
                cursor.line = cursorState.line
                cursor.first = cursorState.first
                cursor.csvColumns = cursorState.columns
                defer { cursorState = (cursor.position, cursor.line, cursor.first, cursor.arenaUsed, cursor.csvColumns) }
                switch format {
                case .jsonl: return try cursor.nextJSONLine()
                case .csv: return try cursor.nextCSVRow()
                }
            }
        }
        (start, line, first, arenaUsed, csvColumns) = cursorState
        return step
    }

    /// Reads until `start..<filled` holds one whole record and the lookahead, or the input ends.
    private func fillToRecordEnd() throws(CredVaultError) {
        while !endOfInput {
            if begun, recordEnd() != nil { return }
            try readMore()
            if !begun, filled >= 3 || endOfInput {
                begun = true
                // A UTF-8 byte order mark (Excel and PowerShell write one) is not part of the first record.
                let bom = buffer.withUnsafeBytes { $0.count >= 3 && filled >= 3 && $0[0] == 0xef && $0[1] == 0xbb && $0[2] == 0xbf }
                if bom { start = 3 }
            }
        }
    }

    /// Where the record at `start` ends (after its line break), if the lookahead after it is
    /// in the buffer too. A CSV line break inside quotes does not end a record.
    private func recordEnd() -> Int? {
        let quotes = format == .csv
        return buffer.withUnsafeBytes { raw -> Int? in
            var inQuotes = false
            var index = start
            while index < filled {
                let byte = raw[index]
                if quotes && byte == UInt8(ascii: "\"") { inQuotes.toggle() }
                if byte == UInt8(ascii: "\n") && !inQuotes {
                    return filled - (index + 1) >= ImportReader.lookahead ? index + 1 : nil
                }
                index += 1
            }
            return nil
        }
    }

    /// Moves the unparsed bytes to the front, grows the buffers when they are full, reads more.
    private func readMore() throws(CredVaultError) {
        if start > 0 {
            let kept = filled - start
            buffer.withUnsafeMutableBytes { raw in
                if kept > 0 { raw.baseAddress!.copyMemory(from: raw.baseAddress! + start, byteCount: kept) }
                UnsafeMutableRawBufferPointer(rebasing: raw[kept..<filled]).initializeMemory(as: UInt8.self, repeating: 0)
            }
            filled = kept
            start = 0
        }
        if filled == buffer.count { try grow() }
        let room = filled
        let got = try buffer.withUnsafeMutableBytes { (raw) throws(CredVaultError) -> Int in
            try read(UnsafeMutableRawBufferPointer(rebasing: raw[room...]))
        }
        if got == 0 { endOfInput = true } else { filled += got }
    }

    /// Doubles the three buffers (a record longer than they are).
    private func grow() throws(CredVaultError) {
        var bigger = try SecureBytes(count: buffer.count * 2)
        bigger.withUnsafeMutableBytes { out in
            buffer.withUnsafeBytes { out.baseAddress!.copyMemory(from: $0.baseAddress!, byteCount: filled) }
        }
        buffer = bigger
        arena = try SecureBytes(count: buffer.count)
        arenaUsed = 0
        var newPassword = try SecureBytes(count: buffer.count)
        password.withUnsafeBytes { newPassword.reuse(copying: $0) }
        password = newPassword
    }
}

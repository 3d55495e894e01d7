
/// Parses import input, decoding passwords straight into secure memory: no password of an
/// import ever becomes a String. `ImportReader` feeds it one record at a time (the `import`
/// command streams); `parse` reads a whole input held in memory through the same reader.
public enum ImportParser {
    public static func parse(_ input: borrowing SecureBytes, format: ImportFormat) throws(CredVaultError) -> ImportBatch {
        try input.withUnsafeBytes { (raw) throws(CredVaultError) -> ImportBatch in
            var offset = 0
            let reader = try ImportReader(format: format) { room in
                let count = Swift.min(room.count, raw.count - offset)
                if count > 0 { room.baseAddress!.copyMemory(from: raw.baseAddress! + offset, byteCount: count) }
                offset += count
                return count
            }
            var arena = try SecureBytes(count: raw.count)
            var used = 0
            var entries: [ImportBatch.Entry] = []
            while let record = try reader.next() {
                let range = used..<(used + record.passwordLength)
                reader.withPasswordBytes { bytes in
                    arena.withUnsafeMutableBytes { out in
                        UnsafeMutableRawBufferPointer(rebasing: out[range]).copyMemory(from: bytes)
                    }
                }
                used = range.upperBound
                entries.append(ImportBatch.Entry(line: record.line, forest: record.forest, account: record.account, passwordRange: range))
            }
            guard !entries.isEmpty else { throw ImportParser.noRecords }
            return ImportBatch(arena: arena, entries: entries, namesItsFields: reader.namesItsFields)
        }
    }

    static let noRecords = CredVaultError.invalidInput("the import holds no records; nothing was imported")

    /// What one step of the parser found.
    enum Step {
        /// A record: names as text, the password in the arena at `password`.
        case record(line: Int, forest: String, account: String, password: Range<Int>)
        /// A blank line or a CSV header row, consumed.
        case skipped
        /// The end of the input.
        case end
    }

    /// Parses from `input` into `arena` (at least as long as `input`), one step at a time.
    struct Cursor {
        let input: UnsafeRawBufferPointer
        let arena: UnsafeMutableRawBufferPointer
        var position = 0
        var arenaUsed = 0
        var line = 1
        /// Before the first CSV row (only it can be a header).
        var first = true
        /// Where a CSV header put forest, account and password; nil without a header.
        var csvColumns: CSVColumns?

        init(input: UnsafeRawBufferPointer, arena: UnsafeMutableRawBufferPointer) {
            self.input = input
            self.arena = arena
        }

        func fail(_ message: String) -> CredVaultError {
            .invalidInput("import line \(line): \(message); nothing was imported")
        }

        var atEnd: Bool { position >= input.count }
        var current: UInt8 { input[position] }

        // MARK: JSON Lines

        /// One JSON line: blank lines are skipped one at a time.
        mutating func nextJSONLine() throws(CredVaultError) -> Step {
            skipSpaces()
            if atEnd { return .end }
            if current == UInt8(ascii: "\n") { position += 1; line += 1; return .skipped }
            let record = try parseObject()
            skipSpaces()
            if !atEnd {
                guard current == UInt8(ascii: "\n") else { throw fail("expected one JSON object per line") }
                position += 1
                line += 1
            }
            return record
        }

        mutating func skipSpaces() {
            while !atEnd, current == 0x20 || current == 0x09 || current == 0x0d { position += 1 }
        }

        mutating func expect(_ byte: UInt8, _ what: String) throws(CredVaultError) {
            skipSpaces()
            guard !atEnd, current == byte else { throw fail("expected \(what)") }
            position += 1
        }

        mutating func parseObject() throws(CredVaultError) -> Step {
            let startLine = line
            try expect(UInt8(ascii: "{"), "'{'")
            var forest: String?
            var account: String?
            var password: Range<Int>?
            skipSpaces()
            if !atEnd && current == UInt8(ascii: "}") {
                position += 1
            } else {
                while true {
                    skipSpaces()
                    let key = try parseStringToText()
                    try expect(UInt8(ascii: ":"), "':' after a key")
                    skipSpaces()
                    guard !atEnd, current == UInt8(ascii: "\"") else { throw fail("the value of \"\(key)\" must be a string") }
                    switch key {
                    case "forest":
                        guard forest == nil else { throw fail("\"forest\" appears twice") }
                        forest = try parseStringToText()
                    case "account":
                        guard account == nil else { throw fail("\"account\" appears twice") }
                        account = try parseStringToText()
                    case "password":
                        guard password == nil else { throw fail("\"password\" appears twice") }
                        password = try parseStringToArena()
                    default:
                        throw fail("unknown key \"\(Validation.printable(key))\" (expected forest, account, password)")
                    }
                    skipSpaces()
                    guard !atEnd else { throw fail("the object is not closed") }
                    if current == UInt8(ascii: ",") { position += 1; continue }
                    if current == UInt8(ascii: "}") { position += 1; break }
                    throw fail("expected ',' or '}'")
                }
            }
            guard let forest else { throw fail("\"forest\" is missing") }
            guard let account else { throw fail("\"account\" is missing") }
            guard let password else { throw fail("\"password\" is missing") }
            return .record(line: startLine, forest: forest, account: account, password: password)
        }

        mutating func parseStringToText() throws(CredVaultError) -> String {
            let range = try parseStringToArena()
            let text = String(decoding: UnsafeRawBufferPointer(rebasing: arena[range]), as: UTF8.self)
            // Names are not secret: give their arena space back.
            for index in range { arena[index] = 0 }
            arenaUsed = range.lowerBound
            return text
        }

        /// Decodes a JSON string literal into the arena (through the one JSON string codec);
        /// returns where it landed.
        mutating func parseStringToArena() throws(CredVaultError) -> Range<Int> {
            skipSpaces()
            guard !atEnd, current == UInt8(ascii: "\"") else { throw fail("expected a string") }
            position += 1
            let end = closingQuote(from: position)
            let inner = UnsafeRawBufferPointer(rebasing: input[position..<(end ?? input.count)])
            let room = UnsafeMutableRawBufferPointer(rebasing: arena[arenaUsed...])
            let start = arenaUsed
            do {
                arenaUsed += try JSONStringCodec.decodeChecked(inner, into: room)
            } catch {
                throw fail(Cursor.message(for: error))
            }
            guard let end else { throw fail("a string is not closed") }
            position = end + 1
            return start..<arenaUsed
        }

        /// Where the string literal whose inside starts at `from` ends: the first quote not
        /// taken by an escape (a `\u` escape takes its four characters, whatever they are).
        func closingQuote(from: Int) -> Int? {
            var index = from
            while index < input.count {
                switch input[index] {
                case UInt8(ascii: "\""): return index
                case UInt8(ascii: "\\"):
                    index += index + 1 < input.count && input[index + 1] == UInt8(ascii: "u") ? 6 : 2
                default: index += 1
                }
            }
            return nil
        }

        static func message(for failure: JSONStringCodec.DecodeFailure) -> String {
            switch failure {
            case .rawControlCharacter: return "a string contains a raw control character"
            case .endsInEscape: return "a string is not closed"
            case .invalidEscape: return "a string has an invalid escape"
            case .unicodeEscapeCutShort: return "a \\u escape is cut short"
            case .nonHexDigit: return "a \\u escape has a non-hex digit"
            case .loneSurrogate: return "a \\u escape has a lone surrogate"
            }
        }

        mutating func emit(_ byte: UInt8) {
            arena[arenaUsed] = byte
            arenaUsed += 1
        }

        // MARK: CSV

        /// One CSV row: blank lines, and a header as the first row, are skipped.
        mutating func nextCSVRow() throws(CredVaultError) -> Step {
            if atEnd { return .end }
            if current == UInt8(ascii: "\n") { position += 1; line += 1; return .skipped }
            if current == UInt8(ascii: "\r"), position + 1 < input.count, input[position + 1] == UInt8(ascii: "\n") {
                position += 2; line += 1; return .skipped
            }
            let startLine = line
            let mark = arenaUsed
            var fields: [Range<Int>] = []
            while true {
                fields.append(try parseCSVField())
                if atEnd { break }
                if current == UInt8(ascii: ",") { position += 1; continue }
                if current == UInt8(ascii: "\r") { position += 1 }
                guard !atEnd, current == UInt8(ascii: "\n") else {
                    if atEnd { break }
                    throw fail("expected ',' or the end of the line")
                }
                position += 1
                line += 1
                break
            }
            guard fields.count == 3 else {
                // `line` has already moved past this record's line break: name the record's own line.
                line = startLine
                throw fail("expected 3 fields (forest,account,password), found \(fields.count)")
            }
            defer { first = false }
            if first, let header = CSVColumns(fields.map { UnsafeRawBufferPointer(rebasing: arena[$0]) }) {
                // A header row: remember its order, forget its bytes.
                for index in mark..<arenaUsed { arena[index] = 0 }
                arenaUsed = mark
                csvColumns = header
                return .skipped
            }
            let columns = csvColumns ?? CSVColumns.unnamed
            return .record(line: startLine, forest: text(fields[columns.forest]), account: text(fields[columns.account]),
                           password: fields[columns.password])
        }

        func text(_ range: Range<Int>) -> String {
            String(decoding: UnsafeRawBufferPointer(rebasing: arena[range]), as: UTF8.self)
        }

        mutating func parseCSVField() throws(CredVaultError) -> Range<Int> {
            let start = arenaUsed
            if !atEnd && current == UInt8(ascii: "\"") {
                let openedOnLine = line
                position += 1
                while true {
                    guard !atEnd else {
                        // A quoted field may span lines; name the line where the quote opened.
                        line = openedOnLine
                        throw fail("a quoted field is not closed")
                    }
                    let byte = current
                    position += 1
                    if byte == UInt8(ascii: "\"") {
                        if !atEnd && current == UInt8(ascii: "\"") { emit(byte); position += 1; continue }
                        return start..<arenaUsed
                    }
                    if byte == UInt8(ascii: "\n") { line += 1 }
                    emit(byte)
                }
            }
            while !atEnd, current != UInt8(ascii: ","), current != UInt8(ascii: "\n"), current != UInt8(ascii: "\r") {
                if current == UInt8(ascii: "\"") { throw fail("a quote inside an unquoted field") }
                emit(current)
                position += 1
            }
            return start..<arenaUsed
        }
    }
}

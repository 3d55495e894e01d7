

/// Parses import input that sits in secure memory, decoding passwords straight into a
/// secure arena: no password of an import ever becomes a String.
public enum ImportParser {
    public static func parse(_ input: borrowing SecureBytes, format: ImportFormat) throws(CredVaultError) -> ImportBatch {
        var arena = try SecureBytes(count: input.count)
        var named = true
        let entries = try input.withUnsafeBytes { (raw) throws(CredVaultError) -> [ImportBatch.Entry] in
            try arena.withUnsafeMutableBytes { (out) throws(CredVaultError) -> [ImportBatch.Entry] in
                var cursor = Cursor(input: raw, arena: out)
                // A UTF-8 byte order mark (Excel and PowerShell write one) is not part of the first record.
                if raw.count >= 3 && raw[0] == 0xef && raw[1] == 0xbb && raw[2] == 0xbf { cursor.position = 3 }
                switch format {
                case .jsonl: return try cursor.parseJSONLines()
                case .csv:
                    let entries = try cursor.parseCSV()
                    named = cursor.csvColumns != nil
                    return entries
                }
            }
        }
        guard !entries.isEmpty else { throw .invalidInput("the import holds no records; nothing was imported") }
        return ImportBatch(arena: arena, entries: entries, namesItsFields: named)
    }

    private struct Cursor {
        let input: UnsafeRawBufferPointer
        let arena: UnsafeMutableRawBufferPointer
        var position = 0
        var arenaUsed = 0
        var line = 1
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

        mutating func parseJSONLines() throws(CredVaultError) -> [ImportBatch.Entry] {
            var entries: [ImportBatch.Entry] = []
            while !atEnd {
                skipSpaces()
                if atEnd { break }
                if current == UInt8(ascii: "\n") { position += 1; line += 1; continue }
                entries.append(try parseObject())
                skipSpaces()
                if !atEnd {
                    guard current == UInt8(ascii: "\n") else { throw fail("expected one JSON object per line") }
                    position += 1
                    line += 1
                }
            }
            return entries
        }

        mutating func skipSpaces() {
            while !atEnd, current == 0x20 || current == 0x09 || current == 0x0d { position += 1 }
        }

        mutating func expect(_ byte: UInt8, _ what: String) throws(CredVaultError) {
            skipSpaces()
            guard !atEnd, current == byte else { throw fail("expected \(what)") }
            position += 1
        }

        mutating func parseObject() throws(CredVaultError) -> ImportBatch.Entry {
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
            return ImportBatch.Entry(line: startLine, forest: forest, account: account, passwordRange: password)
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

        mutating func parseCSV() throws(CredVaultError) -> [ImportBatch.Entry] {
            var entries: [ImportBatch.Entry] = []
            var first = true
            while !atEnd {
                if current == UInt8(ascii: "\n") { position += 1; line += 1; continue }
                if current == UInt8(ascii: "\r"), position + 1 < input.count, input[position + 1] == UInt8(ascii: "\n") {
                    position += 2; line += 1; continue
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
                if first, let header = CSVColumns(fields.map { UnsafeRawBufferPointer(rebasing: arena[$0]) }) {
                    // A header row: remember its order, forget its bytes.
                    for index in mark..<arenaUsed { arena[index] = 0 }
                    arenaUsed = mark
                    csvColumns = header
                    first = false
                    continue
                }
                first = false
                let columns = csvColumns ?? CSVColumns.unnamed
                entries.append(ImportBatch.Entry(
                    line: startLine, forest: text(fields[columns.forest]), account: text(fields[columns.account]),
                    passwordRange: fields[columns.password]))
            }
            return entries
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

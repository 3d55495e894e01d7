import Testing
@testable import CredVault

@Suite("Import parser")
struct ImportParserTests {
    struct Record: Equatable, CustomStringConvertible {
        let line: Int
        let forest: String
        let account: String
        let password: [UInt8]
        var description: String { "line \(line): \(forest) \(account)" }
    }

    static func parse(_ text: String, _ format: ImportFormat) throws -> [Record] {
        try parse(Array(text.utf8), format)
    }

    static func parse(_ bytes: [UInt8], _ format: ImportFormat) throws -> [Record] {
        let input = try TestBytes.secure(bytes)
        let batch = try ImportParser.parse(input, format: format)
        return try batch.entries.map { entry in
            let password = try batch.withPassword(of: entry) { TestBytes.array($0) }
            return Record(line: entry.line, forest: entry.forest, account: entry.account, password: password)
        }
    }

    /// The message of the error parsing `text` throws, or nil when it parses.
    static func failure(_ text: String, _ format: ImportFormat) -> String? {
        do {
            _ = try parse(text, format)
            return nil
        } catch let error as CredVaultError {
            guard case .invalidInput(let message) = error else { return "wrong case: \(error)" }
            return message
        } catch {
            return "unexpected error: \(error)"
        }
    }

    // MARK: JSON Lines

    @Test("JSON lines: one record per line, keys in any order, blank lines and CRLF tolerated")
    func jsonLines() throws {
        let input = """
            {"forest": "contoso.com", "account": "CONTOSO\\\\svc", "password": "Pw-1"}

            {"password":"Pw-2","forest":"fabrikam.com","account":"svc"}\r
              {  "account" : "x" , "forest" : "a.b" , "password" : "Pw-3" }  
            """
        let records = try Self.parse(input, .jsonl)
        #expect(records == [
            Record(line: 1, forest: "contoso.com", account: #"CONTOSO\svc"#, password: Array("Pw-1".utf8)),
            Record(line: 3, forest: "fabrikam.com", account: "svc", password: Array("Pw-2".utf8)),
            Record(line: 4, forest: "a.b", account: "x", password: Array("Pw-3".utf8)),
        ])
    }

    @Test("JSON string escapes decode, \\u surrogate pairs included", arguments: [
        (#"q\"b\\s\/"#, Array(#"q"b\s/"#.utf8)),
        (#"\u00e9\u20AC"#, Array("é€".utf8)),
        (#"\ud83d\ude00"#, [0xf0, 0x9f, 0x98, 0x80]),
        (#"a\uD834\uDD1Eb"#, Array("a𝄞b".utf8)),
        (#"\u0041\u007e"#, Array("A~".utf8)),
        (#"\b\f\n\r\t"#, [0x08, 0x0c, 0x0a, 0x0d, 0x09]),
        ("raw é😀", Array("raw é😀".utf8)),
    ])
    func escapes(_ vector: (literal: String, bytes: [UInt8])) throws {
        let records = try Self.parse(#"{"forest":"a.com","account":"x","password":"\#(vector.literal)"}"#, .jsonl)
        #expect(records.count == 1)
        #expect(records.first?.password == vector.bytes)
    }

    @Test("escapes in names decode too")
    func escapedNames() throws {
        let records = try Self.parse(#"{"forest":"con\u0074oso.com","account":"CONTOSO\\svc","password":"p"}"#, .jsonl)
        #expect(records.first?.forest == "contoso.com")
        #expect(records.first?.account == #"CONTOSO\svc"#)
    }

    @Test("malformed JSON lines are refused, naming the line", arguments: [
        (#"{"forest":"a.com","account":"x","password":"\ud83d"}"#, "lone surrogate"),
        (#"{"forest":"a.com","account":"x","password":"\ude00"}"#, "lone surrogate"),
        (#"{"forest":"a.com","account":"x","password":"\ud83d\u0041"}"#, "lone surrogate"),
        (#"{"forest":"a.com","account":"x","password":"\u12"}"#, "\\u"),
        (#"{"forest":"a.com","account":"x","password":"\u12G4"}"#, "non-hex"),
        (#"{"forest":"a.com","account":"x","password":"\u12"}"#, "non-hex"),   // the quote is one of the four digits
        (#"{"forest":"a.com","account":"x","password":"\x41"}"#, "invalid escape"),
        (#"{"forest":"a.com","account":"x","password":"p"#, "raw control character"),   // the line break ends it
        (#"{"forest":"a.com","account":"x","password":"p""#, "expected ',' or '}'"),
        (#"{"forest":"a.com","account":"x"}"#, "\"password\" is missing"),
        (#"{"forest":"a.com","password":"p"}"#, "\"account\" is missing"),
        (#"{"account":"x","password":"p"}"#, "\"forest\" is missing"),
        (#"{"forest":"a.com","account":"x","password":"p","password":"q"}"#, "appears twice"),
        (#"{"forest":"a.com","account":"x","password":"p","note":"n"}"#, "unknown key"),
        (#"{"forest":"a.com","account":"x","password":12}"#, "must be a string"),
        (#"{"forest":"a.com","account":"x","password":"p"} {"forest":"b.com"}"#, "one JSON object per line"),
        (#"["a.com","x","p"]"#, "'{'"),
        ("not json", "'{'"),
        ("{\"forest\":\"a.com\",\"account\":\"x\",\"password\":\"p\tq\"}", "control character"),
    ])
    func malformedJSON(_ vector: (line: String, reason: String)) throws {
        let good = #"{"forest":"ok.com","account":"x","password":"fine"}"#
        let message = try #require(Self.failure(good + "\n\n" + vector.line + "\n" + good + "\n", .jsonl))
        #expect(message.hasPrefix("import line 3:"), "\(message)")
        #expect(message.contains(vector.reason), "\(message)")
        #expect(message.contains("nothing was imported"))
        #expect(!message.contains("\n"))
    }

    @Test("a password cut off by the end of the input says where it stopped", arguments: [
        (#"p\u00"#, "a \\u escape is cut short"),
        (#"p\"#, "a string is not closed"),
        ("p", "a string is not closed"),
    ])
    func cutAtEndOfInput(_ vector: (tail: String, reason: String)) throws {
        let line = #"{"forest":"a.com","account":"x","password":""# + vector.tail
        let message = try #require(Self.failure(line, .jsonl))
        #expect(message == "import line 1: \(vector.reason); nothing was imported", "\(message)")
    }

    @Test("an input with no records is refused")
    func empty() {
        #expect(Self.failure("", .jsonl)?.contains("no records") == true)
        #expect(Self.failure("\n\n  \n", .jsonl)?.contains("no records") == true)
        #expect(Self.failure("", .csv)?.contains("no records") == true)
        #expect(Self.failure("forest,account,password\n", .csv)?.contains("no records") == true)
    }

    // MARK: CSV

    @Test("CSV: RFC 4180 quoting, an optional header row, CRLF, fields spanning lines")
    func csv() throws {
        let input = "Forest,Account,Password\r\n"
            + "contoso.com,CONTOSO\\svc,Pw-1\r\n"
            + "fabrikam.com,\"svc, sync\",\"p,\"\"q\"\"\"\n"
            + "\n"
            + "a.com,x,\"two\nlines\"\n"
            + "b.com,y,last-no-newline"
        let records = try Self.parse(input, .csv)
        #expect(records == [
            Record(line: 2, forest: "contoso.com", account: #"CONTOSO\svc"#, password: Array("Pw-1".utf8)),
            Record(line: 3, forest: "fabrikam.com", account: "svc, sync", password: Array(#"p,"q""#.utf8)),
            Record(line: 5, forest: "a.com", account: "x", password: Array("two\nlines".utf8)),
            Record(line: 7, forest: "b.com", account: "y", password: Array("last-no-newline".utf8)),
        ])
    }

    @Test("a UTF-8 byte order mark at the start is skipped, so a header row is still recognised")
    func byteOrderMark() throws {
        let bom: [UInt8] = [0xef, 0xbb, 0xbf]
        let csv = try Self.parse(bom + Array("forest,account,password\na.com,x,p\n".utf8), .csv)
        #expect(csv == [Record(line: 2, forest: "a.com", account: "x", password: Array("p".utf8))])
        let jsonl = try Self.parse(bom + Array(#"{"forest":"a.com","account":"x","password":"p"}"#.utf8), .jsonl)
        #expect(jsonl == [Record(line: 1, forest: "a.com", account: "x", password: Array("p".utf8))])
    }

    @Test("CSV: only the first row can be a header")
    func headerOnlyFirst() throws {
        let records = try Self.parse("a.com,x,p\nforest,account,password\n", .csv)
        #expect(records.count == 2)
        #expect(records[1].forest == "forest")
    }

    @Test("malformed CSV rows are refused, naming their line", arguments: [
        ("b.com,y", "line 2", "expected 3 fields"),
        ("b.com,y,p,extra", "line 2", "found 4"),
        ("b.com", "line 2", "found 1"),
        ("b.com,y,\"unclosed\nmore", "line 2", "not closed"),
        ("b.com,y,\"closed\"junk", "line 2", "expected ','"),
        ("b.c\"om,y,p", "line 2", "quote inside an unquoted field"),
    ])
    func malformedCSV(_ vector: (row: String, line: String, reason: String)) throws {
        let message = try #require(Self.failure("a.com,x,p\n" + vector.row + "\nc.com,z,q\n", .csv))
        #expect(message.hasPrefix("import \(vector.line):"), "\(message)")
        #expect(message.contains(vector.reason), "\(message)")
    }

    @Test("the error of a malformed line does not quote its password")
    func errorsDoNotQuotePasswords() throws {
        let message = try #require(Self.failure(#"{"forest":"a.com","account":"x","password":"Secret-Pw\q"}"#, .jsonl))
        #expect(!message.contains("Secret-Pw"))
        let csvMessage = try #require(Self.failure("a.com,x,Secret-Pw,extra\n", .csv))
        #expect(!csvMessage.contains("Secret-Pw"))
    }
}

import Testing
@testable import CredVault

/// `import` streams its input through `ImportReader`; whatever the sizes of the reads and of
/// its buffers, it must find the records and the errors that parsing the whole input finds.
@Suite("Import reader: streaming finds what the whole input holds")
struct ImportReaderTests {
    /// A record as read, or the error's message.
    enum Outcome: Equatable {
        case records([String])
        case failure(String)
    }

    /// Reads `input` `step` bytes per read into buffers that start at `chunk` bytes.
    static func read(_ input: [UInt8], _ format: ImportFormat, chunk: Int, step: Int) -> Outcome {
        var offset = 0
        do {
            let reader = try ImportReader(format: format, chunk: chunk) { room in
                let count = min(step, room.count, input.count - offset)
                for index in 0..<count { room[index] = input[offset + index] }
                offset += count
                return count
            }
            var records: [String] = []
            while let record = try reader.next() {
                let password = reader.withPasswordBytes { String(decoding: $0, as: UTF8.self) }
                records.append("\(record.line) \(record.forest) \(record.account) \(password)")
            }
            return .records(records)
        } catch {
            return .failure("\(error)")
        }
    }

    static let good = #"{"forest":"ok.com","account":"x","password":"fine"}"#

    /// Line breaks right after or inside escapes, blank lines, records longer than the buffers.
    static let jsonInputs: [String] = [
        good + "\n\n" + good + "\r\n   \n" + good,
        good + "\n" + #"{"forest":"a.com","account":"x","password":"p\u1"# + "\n2345\"}\n" + good,
        good + "\n" + #"{"forest":"a.com","account":"x","password":"\ud83d"# + "\n" + #"\ude00"}"#,
        good + "\n" + #"{"forest":"a.com","account":"x","password":"\ud83d\ude0"# + "\n0\"}",
        good + "\n" + #"{"forest":"a.com","account":"x","password":"p\"# + "\n\"}\n",
        good + "\n" + #"{"forest":"a.com","account":"x","password":"p"# + "\n" + good,
        good + "\n" + #"{"forest":"a.com","account":"x","password":"\u00"#,
        good + "\n" + #"{"forest":"a.com","account":"x","password":"p""#,
        #"{"forest":"l.com","account":"x","password":""# + String(repeating: "\\u0041b", count: 300) + "\"}\n" + good,
        "\u{FEFF}" + good, "", "\n\n", "  ",
    ]

    static let csvInputs: [String] = [
        "forest,account,password\r\na.com,x,\"two\nlines\"\n\nb.com,y,\"p,\"\"q\"\"\"\nc.com,z,last",
        "a.com,x,p\nb.com,y,\"unclosed\nmore\nand more",
        "a.com,x,p\nb.com,y,\"closed\"junk\nc.com,z,q\n",
        "a.com,x,p\nb.c\"om,y,p\nc.com,z,q\n",
        "a.com,x,p\nb.com,y\n", "\u{FEFF}forest,account,password\na.com,x,p\n", "", "\r\n",
        "l.com,x,\"" + String(repeating: "ab\"\"\n", count: 200) + "\"\nm.com,y,q",
    ]

    @Test("every read size and buffer size gives the whole input's records and errors",
          arguments: [ImportFormat.jsonl, .csv])
    func sameAsWholeInput(format: ImportFormat) {
        for input in format == .jsonl ? Self.jsonInputs : Self.csvInputs {
            let bytes = Array(input.utf8)
            let whole = Self.read(bytes, format, chunk: 1 << 16, step: 1 << 16)
            for chunk in [4, 16, 64] {
                for step in [1, 3, 7, 1 << 16] {
                    let streamed = Self.read(bytes, format, chunk: chunk, step: step)
                    #expect(streamed == whole, "chunk \(chunk), step \(step): \(input.prefix(60))")
                }
            }
        }
    }

    @Test("the whole-input reference finds the records a reader of known inputs must find")
    func reference() {
        let bytes = Array((Self.good + "\n\n" + #"{"forest":"b.com","account":"y","password":"q\n"}"#).utf8)
        #expect(Self.read(bytes, .jsonl, chunk: 4, step: 1) == .records(["1 ok.com x fine", "3 b.com y q\n"]))
        let csv = Array("forest,account,password\na.com,x,\"p\nq\"\n".utf8)
        #expect(Self.read(csv, .csv, chunk: 4, step: 2) == .records(["2 a.com x p\nq"]))
    }
}

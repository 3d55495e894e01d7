import CredVault

/// The JSON target scanner and editor: replacing the string at a key path, then reading it,
/// gives the password back exactly (escapes, quotes, non-ASCII), keeps every other byte,
/// and leaves a document the scanner still accepts. Input: password NUL path NUL before
/// NUL after; when `before` is not a document with a string at the path, the document is
/// `{` before `"a":{"b":"old"}` after `}` for the path a.b.
enum JSONEditFuzz {
    static func run(_ input: UnsafeRawBufferPointer) {
        let fields = FuzzInput.fields(input, count: 4)
        let path = FuzzInput.text(fields[1])
        let target = FileTarget(path: "fuzz.json", format: .json, passwordKey: path)
        var contents = fields[2]
        if FileEditCheck.location(target, in: contents) == nil {
            contents = Array("{".utf8) + fields[2] + member(path) + fields[3] + Array("}".utf8)
        }
        FileEditCheck.replaceThenRead(password: fields[0], contents: contents, target: target)
    }

    /// `"a":{"b":"old"}` for the path `a.b`, each key a JSON string literal.
    private static func member(_ path: String) -> [UInt8] {
        let parts = path.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        var out: [UInt8] = []
        for (index, part) in parts.enumerated() {
            if index > 0 { out += Array("{".utf8) }
            JSONStringCodec.appendQuoted(part, to: &out)
            out += Array(":".utf8)
        }
        out += Array("\"old\"".utf8)
        out += Array(repeating: UInt8(ascii: "}"), count: max(parts.count - 1, 0))
        return out
    }
}

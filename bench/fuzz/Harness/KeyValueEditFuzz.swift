import CredVault

/// The keyvalue editor: any password, any key, any lines around the key's line (comments,
/// `=` and `#` in values, quotes, blanks, CRLF, non-ASCII). Input: password NUL key NUL
/// before NUL after; when `before` alone has no line for the key, the file is
/// `before` LF `key=old` LF `after`.
enum KeyValueEditFuzz {
    static func run(_ input: UnsafeRawBufferPointer) {
        let fields = FuzzInput.fields(input, count: 4)
        let key = FuzzInput.text(fields[1])
        guard !key.isEmpty else { return }
        let target = FileTarget(path: "fuzz.properties", format: .keyvalue, passwordKey: key)
        var contents = fields[2]
        if FileEditCheck.location(target, in: contents) == nil {
            contents += Array("\n\(key)=old\n".utf8) + fields[3]
        }
        FileEditCheck.replaceThenRead(password: fields[0], contents: contents, target: target)
    }
}

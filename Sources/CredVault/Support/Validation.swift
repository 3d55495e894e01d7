/// The rules for names and passwords, checked before anything touches the vault.
public enum Validation {
    public static let passwordByteRange = 1...1024

    /// A forest is a DNS name: labels of letters, digits and hyphens, at most 63 characters
    /// each and 253 in all. Returned in lower case, the one spelling the vault stores.
    ///
    /// With `quoting` false, messages do not repeat the text: an import whose columns are in
    /// the wrong order would otherwise print a password in the error.
    public static func forest(_ raw: String, quoting: Bool = true) throws(CredVaultError) -> String {
        // ASCII-only lower-casing: Unicode rules would turn the Kelvin sign (U+212A) into "k"
        // and let a name that is not a DNS name through. A name already in lower case (every
        // record of a large import, typically) is kept as it is, without a copy.
        var name = raw.utf8.contains(where: { (0x41...0x5a).contains($0) })
            ? String(decoding: raw.utf8.map { (0x41...0x5a).contains($0) ? $0 | 0x20 : $0 }, as: UTF8.self) : raw
        if name.hasSuffix(".") { name.removeLast() }
        guard !name.isEmpty else { throw .invalidInput("the forest name is empty") }
        guard name.utf8.count <= 253 else {
            throw .invalidInput("the forest name is \(name.utf8.count) characters long; a DNS name has at most 253")
        }
        // In ASCII every byte is a character; beyond it a dot can belong to a larger character
        // (a combining mark after it), which splitting by characters keeps in its label.
        let problem = name.utf8.allSatisfy({ $0 < 0x80 }) ? firstLabelProblem(name.utf8) : firstLabelProblem(characters: name)
        if let problem {
            let shown = quoting ? "forest \"\(printable(raw))\"" : "the forest name"
            throw .invalidInput("\(shown) \(problem)")
        }
        return name
    }

    /// What is wrong with the first bad label of an ASCII dot-separated name, checked label by
    /// label in order (empty, too long, not letters, digits and inner hyphens); nil when none
    /// is. One pass over the bytes, no substrings: every forest of an import is checked here.
    private static func firstLabelProblem(_ name: String.UTF8View) -> String? {
        var labelStart = name.startIndex
        while true {
            let labelEnd = name[labelStart...].firstIndex(of: UInt8(ascii: ".")) ?? name.endIndex
            let label = name[labelStart..<labelEnd]
            guard !label.isEmpty else { return "has an empty label" }
            guard label.count <= 63 else { return "has a label longer than 63 characters" }
            guard label.allSatisfy({ isLetterOrDigit($0) || $0 == UInt8(ascii: "-") }),
                  label.first != UInt8(ascii: "-"), label.last != UInt8(ascii: "-") else {
                return "is not a DNS name (letters, digits, hyphens and dots only)"
            }
            guard labelEnd < name.endIndex else { return nil }
            labelStart = name.index(after: labelEnd)
        }
    }

    /// `firstLabelProblem` for a name beyond ASCII, split by characters.
    private static func firstLabelProblem(characters name: String) -> String? {
        for label in name.split(separator: ".", omittingEmptySubsequences: false) {
            guard !label.isEmpty else { return "has an empty label" }
            guard label.utf8.count <= 63 else { return "has a label longer than 63 characters" }
            guard label.utf8.allSatisfy({ isLetterOrDigit($0) || $0 == UInt8(ascii: "-") }),
                  label.first != "-", label.last != "-" else {
                return "is not a DNS name (letters, digits, hyphens and dots only)"
            }
        }
        return nil
    }

    public static func account(_ raw: String) throws(CredVaultError) -> String {
        guard !raw.isEmpty else { throw .invalidInput("the account name is empty") }
        guard raw.utf8.count <= 256 else { throw .invalidInput("the account name is longer than 256 bytes") }
        // Printable ASCII (nearly every account) holds no control character; anything else is
        // asked of Unicode's general category.
        let printableASCII = raw.utf8.allSatisfy { $0 >= 0x20 && $0 < 0x7f }
        guard printableASCII || !raw.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
            throw .invalidInput("the account name contains a control character")
        }
        return raw
    }

    public static func connectorName(_ raw: String) throws(CredVaultError) -> String {
        guard !raw.isEmpty, raw.utf8.count <= 64,
              raw.utf8.allSatisfy({ isLetterOrDigit($0) || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: ".") }) else {
            throw .invalidInput("connector name \"\(printable(raw))\" must be 1 to 64 letters, digits, '.', '-' or '_'")
        }
        return raw
    }

    /// 1 to 1024 bytes of UTF-8 with no NUL, no line break and no other control character:
    /// such a password cannot be typed into a connector's dialog or a properties file intact.
    public static func password(_ password: borrowing SecureBytes) throws(CredVaultError) {
        guard password.count > 0 else { throw .invalidInput("the password is empty") }
        guard passwordByteRange.contains(password.count) else {
            throw .invalidInput("the password is \(password.count) bytes long; at most \(passwordByteRange.upperBound) are allowed")
        }
        try password.withUnsafeBytes { (bytes) throws(CredVaultError) in
            guard bytes.allSatisfy({ $0 >= 0x20 && $0 != 0x7f }) else {
                throw .invalidInput("the password contains a control character (a line break, tab or NUL)")
            }
            guard UTF8Check.isValid(bytes) else { throw .invalidInput("the password is not valid UTF-8") }
            // The C1 controls U+0080-U+009F (UTF-8 C2 80 to C2 9F; NEL among them) are control characters too.
            for index in bytes.indices.dropLast() where bytes[index] == 0xc2 && (0x80...0x9f).contains(bytes[index + 1]) {
                throw .invalidInput("the password contains a control character (a line break, tab or NUL)")
            }
        }
    }

    public static func version(_ version: Int) throws(CredVaultError) -> Int {
        guard version >= 1 else { throw .invalidInput("version numbers start at 1, not \(version)") }
        return version
    }

    private static func isLetterOrDigit(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte >= 0x61 && byte <= 0x7a) || (byte >= 0x41 && byte <= 0x5a)
    }

    /// A name as it may appear in a one-line message: control characters escaped, long names cut.
    public static func printable(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars.prefix(80) {
            out += scalar.properties.generalCategory == .control ? scalar.escaped(asASCII: true) : String(scalar)
        }
        return text.unicodeScalars.count > 80 ? out + "…" : out
    }
}

/// Free text a person gives (a `--reason`, a key slot's label) and text the tables print.
///
/// Free text is stored in the vault and in audit events and shown in tables, one row per
/// line: a line break in a reason would let it print a forged row, an escape sequence would
/// reach the reader's terminal. So free text refuses control characters (C0, DEL, C1: exit 65,
/// bad data), and everything a table prints is escaped, in case a row was edited directly.
public enum FreeText {
    /// Refuses `text` when it holds a control character. `what` names it in the message.
    public static func check(_ text: String?, what: String) throws(CredVaultError) {
        guard let text else { return }
        guard !text.unicodeScalars.contains(where: isControl) else {
            throw .invalidInput("the \(what) contains a control character (a line break, tab or escape); nothing was changed")
        }
    }

    /// `text` with each control character written as a Swift escape (`\n`, `\u{1B}`): one line,
    /// inert on a terminal.
    public static func escaped(_ text: String) -> String {
        if isPrintableASCII(text) { return text }
        guard text.unicodeScalars.contains(where: isControl) else { return text }
        var out = ""
        for scalar in text.unicodeScalars {
            out += isControl(scalar) ? scalar.escaped(asASCII: true) : String(scalar)
        }
        return out
    }

    /// True when every byte is printable ASCII, so no control character can be there: the
    /// common case, answered from the bytes (a table of a long audit trail checks every cell
    /// twice; the scalar properties cost 50 times more).
    public static func isPrintableASCII(_ text: String) -> Bool {
        text.utf8.allSatisfy { $0 >= 0x20 && $0 < 0x7f }
    }

    static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.generalCategory == .control
            || scalar.value == 0x2028 || scalar.value == 0x2029  // line and paragraph separators
    }
}

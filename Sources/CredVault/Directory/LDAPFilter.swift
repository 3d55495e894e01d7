/// Search filters built from values we do not control (an account name as an operator typed
/// it), escaped per RFC 4515 so a `*` or `)` in a name cannot widen or change the search.
public enum LDAPFilter {
    /// `(attribute=value)` with `value` escaped.
    public static func equals(_ attribute: String, _ value: String) -> String {
        "(\(attribute)=\(escape(value)))"
    }

    /// `(&a b …)`.
    public static func and(_ filters: String...) -> String {
        "(&" + filters.joined() + ")"
    }

    /// RFC 4515 escaping: `*`, `(`, `)`, `\` and NUL become `\2a`, `\28`, `\29`, `\5c`, `\00`.
    public static func escape(_ value: String) -> String {
        var escaped: [UInt8] = []
        for byte in value.utf8 {
            switch byte {
            case 0x2A, 0x28, 0x29, 0x5C, 0x00:
                escaped += [0x5C] + Array(hexDigits(byte).utf8)
            default:
                escaped.append(byte)
            }
        }
        return String(decoding: escaped, as: UTF8.self)
    }

    private static func hexDigits(_ byte: UInt8) -> String {
        let hex = String(byte, radix: 16)
        return hex.count == 1 ? "0" + hex : hex
    }
}

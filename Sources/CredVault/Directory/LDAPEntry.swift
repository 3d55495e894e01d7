/// One search result: its DN and its attributes' values as the server sent them (bytes).
/// Attribute names compare case-insensitively, as LDAP's do.
public struct LDAPEntry: Equatable, Sendable {
    public let dn: String
    private let values: [String: [[UInt8]]]

    public init(dn: String, attributes: [String: [[UInt8]]]) {
        self.dn = dn
        var lowered: [String: [[UInt8]]] = [:]
        for (name, value) in attributes { lowered[name.lowercased(), default: []] += value }
        self.values = lowered
    }

    /// Every value of `attribute` as bytes; empty when the entry has none.
    public func bytes(_ attribute: String) -> [[UInt8]] {
        values[attribute.lowercased()] ?? []
    }

    /// Every value of `attribute` as UTF-8 text.
    public func strings(_ attribute: String) -> [String] {
        bytes(attribute).map { String(decoding: $0, as: UTF8.self) }
    }

    /// The first value of `attribute` as text.
    public func string(_ attribute: String) -> String? {
        strings(attribute).first
    }

    /// The first value of `attribute` as a (signed, decimal) integer: AD's intervals and FILETIMEs.
    public func int64(_ attribute: String) -> Int64? {
        string(attribute).flatMap { Int64($0) }
    }
}

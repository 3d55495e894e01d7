/// How deep a search goes (RFC 4511 scope values).
public enum LDAPScope: Int32, Sendable {
    case base = 0
    case subtree = 2
}

/// What a server says about itself before anyone binds.
public struct RootDSE: Equatable, Sendable {
    static let attributes = ["defaultNamingContext", "namingContexts", "supportedControl", "supportedExtension"]

    /// AD's domain partition (`DC=contoso,DC=com`); OpenLDAP has none.
    public let defaultNamingContext: String?
    public let namingContexts: [String]
    public let supportedControls: Set<String>
    public let supportedExtensions: Set<String>

    /// LDAP_SERVER_POLICY_HINTS_OID (MS-ADTS 3.1.1.3.4.1.27): a reset that carries it is held
    /// to the password history.
    public static let policyHintsControl = "1.2.840.113556.1.4.2239"

    init(entry: LDAPEntry?) {
        defaultNamingContext = entry?.string("defaultNamingContext")
        namingContexts = entry?.strings("namingContexts") ?? []
        supportedControls = Set(entry?.strings("supportedControl") ?? [])
        supportedExtensions = Set(entry?.strings("supportedExtension") ?? [])
    }

    /// Whether a reset can ask AD to apply the password history.
    public var supportsPolicyHints: Bool { supportedControls.contains(RootDSE.policyHintsControl) }

    /// Whether the server offers RFC 3062 Password Modify.
    public var supportsPasswordModify: Bool { supportedExtensions.contains(PasswordModifyRequest.oid) }
}

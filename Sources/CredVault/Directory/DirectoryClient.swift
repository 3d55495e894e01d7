/// How to reach one forest's directory server and how it names and changes passwords: the
/// entry point the `directory` and `rotate` commands use. Each call opens its own connection.
public struct DirectoryClient: Equatable, Sendable {
    public let endpoint: DirectoryEndpoint
    public let kind: DirectoryKind
    public let timeouts: DirectoryTimeouts
    /// Where accounts are searched; nil: AD's defaultNamingContext, or every OpenLDAP naming context.
    public let searchBase: String?

    public init(
        endpoint: DirectoryEndpoint, kind: DirectoryKind,
        timeouts: DirectoryTimeouts = DirectoryTimeouts(), searchBase: String? = nil
    ) {
        self.endpoint = endpoint
        self.kind = kind
        self.timeouts = timeouts
        self.searchBase = searchBase
    }

    /// Connects over TLS, binds as `account` with `password` and finds the account's DN.
    ///
    /// A DN binds as it is. A name AD can bind with directly (UPN, DOMAIN\name, implicit UPN)
    /// binds first and the DN is then searched as that account; an OpenLDAP uid is searched
    /// anonymously first.
    /// Each call is one bind attempt: a wrong password counts once towards the lockout threshold.
    public func bind(as account: DirectoryAccountName, password: borrowing SecureBytes) throws(DirectoryError) -> DirectorySession {
        let connection = try LDAPConnection.open(endpoint, timeouts: timeouts)
        let rootDSE = try connection.readRootDSE()
        let unbound = DirectorySession(connection: connection, kind: kind, rootDSE: rootDSE, accountDN: "", searchBase: searchBase)
        if case .distinguishedName(let dn) = account {
            // A successful simple bind with a DN proves the DN (and OpenLDAP's rootdn has no
            // entry a search could find).
            try connection.bind(name: dn, password: password)
            return unbound.bound(as: dn)
        }
        if let name = account.bindName(defaultNamingContext: rootDSE.defaultNamingContext) {
            try connection.bind(name: name, password: password)
            return unbound.bound(as: try unbound.findAccountDN(account))
        }
        let dn = try unbound.findAccountDN(account)
        try connection.bind(name: dn, password: password)
        return unbound.bound(as: dn)
    }
}

/// A bound connection to a directory: finds accounts, reads the password policy and changes
/// passwords the way the directory kind wants it.
public final class DirectorySession {
    public let connection: LDAPConnection
    public let kind: DirectoryKind
    public let rootDSE: RootDSE
    /// The DN of the account this session is bound as, as the directory returned it.
    public let accountDN: String
    private let searchBase: String?

    init(connection: LDAPConnection, kind: DirectoryKind, rootDSE: RootDSE, accountDN: String, searchBase: String?) {
        self.connection = connection
        self.kind = kind
        self.rootDSE = rootDSE
        self.accountDN = accountDN
        self.searchBase = searchBase
    }

    func bound(as dn: String) -> DirectorySession {
        DirectorySession(connection: connection, kind: kind, rootDSE: rootDSE, accountDN: dn, searchBase: searchBase)
    }

    /// Where accounts are searched.
    var searchBases: [String] {
        if let searchBase { return [searchBase] }
        if kind == .activeDirectory, let domain = rootDSE.defaultNamingContext { return [domain] }
        return rootDSE.namingContexts
    }

    /// The DN of `account`: a stored DN is confirmed with a base search, any other name is
    /// searched for under the search bases and must match exactly one entry.
    public func findAccountDN(_ account: DirectoryAccountName) throws(DirectoryError) -> String {
        guard let filter = account.filter else { return try confirmDN(account) }
        var matches: [String] = []
        for base in searchBases {
            // Two are enough to know the name is ambiguous.
            let entries = try connection.search(base: base, scope: .subtree, filter: filter, attributes: ["1.1"], sizeLimit: 2)
            matches += entries.map(\.dn)
        }
        guard matches.count == 1, let dn = matches.first else {
            if matches.isEmpty { throw .noSuchAccount(account: account.text) }
            throw .ambiguousAccount(account: account.text, matches: matches.count)
        }
        return dn
    }

    /// A stored DN, confirmed by reading it (the directory's spelling of it is returned).
    private func confirmDN(_ account: DirectoryAccountName) throws(DirectoryError) -> String {
        let entry: LDAPEntry?
        do {
            entry = try connection.read(dn: account.text, attributes: ["1.1"])
        } catch {
            guard case .other(let code, _) = error, code == DirectorySession.noSuchObject else { throw error }
            entry = nil
        }
        guard let entry else { throw .noSuchAccount(account: account.text) }
        return entry.dn
    }

    /// AD's password policy (the domain object) with `dn`'s pwdLastSet; nil for OpenLDAP,
    /// whose ppolicy overlay has no single place to read it from.
    public func readPolicy(accountDN dn: String? = nil) throws(DirectoryError) -> DirectoryPolicy? {
        guard kind == .activeDirectory, let domainDN = rootDSE.defaultNamingContext else { return nil }
        guard let domain = try connection.read(dn: domainDN, attributes: DirectoryPolicy.domainAttributes) else {
            throw .other(resultCode: DirectorySession.noSuchObject, diagnostic: domainDN)
        }
        let account = try connection.read(dn: dn ?? accountDN, attributes: DirectoryPolicy.accountAttributes)
        return DirectoryPolicy(domain: domain, account: account)
    }

    /// Self mode: the bound account changes its own password, proving it knows `current`.
    /// AD: delete-old/add-new of `unicodePwd`; OpenLDAP: Password Modify with the old password.
    public func changeOwnPassword(current: borrowing SecureBytes, new: borrowing SecureBytes) throws(DirectoryError) {
        switch kind {
        case .activeDirectory:
            try connection.changeADPassword(dn: accountDN, current: current, new: new)
        case .openLDAP:
            try connection.passwordModify(identity: accountDN, current: current, new: new)
        }
    }

    /// Reset mode: the bound (privileged) account sets `dn`'s password without the old one.
    /// AD: replace `unicodePwd`, with the policy-hints control when the server lists it;
    /// OpenLDAP: Password Modify without the old password.
    public func resetPassword(ofDN dn: String, to new: borrowing SecureBytes) throws(DirectoryError) {
        switch kind {
        case .activeDirectory:
            try connection.resetADPassword(dn: dn, new: new, policyHints: rootDSE.supportsPolicyHints)
        case .openLDAP:
            try connection.passwordModify(identity: dn, new: new)
        }
    }

    static let noSuchObject: Int32 = 32
}

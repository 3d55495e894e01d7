import Foundation

/// An account as the vault stores it, read the way the directory kind names accounts: a DN
/// (`CN=MSOL_1,CN=Users,DC=contoso,DC=com`), an AD user principal name (`MSOL_1@contoso.com`),
/// an AD sAMAccountName (`MSOL_1`, or `CONTOSO\MSOL_1`), or an OpenLDAP `uid`.
/// The DN a change goes to is always found by searching for this name, never derived from it.
public enum DirectoryAccountName: Equatable, Sendable {
    case distinguishedName(String)
    case userPrincipalName(String)
    /// `domain`: the NetBIOS domain when stored as `CONTOSO\MSOL_1`.
    case samAccountName(String, domain: String?)
    case uid(String)

    public init(_ stored: String, kind: DirectoryKind) {
        if stored.contains("=") {
            self = .distinguishedName(stored)
        } else if kind == .openLDAP {
            self = .uid(stored)
        } else if stored.contains("@") {
            self = .userPrincipalName(stored)
        } else if let backslash = stored.lastIndex(of: "\\") {
            self = .samAccountName(String(stored[stored.index(after: backslash)...]), domain: String(stored[..<backslash]))
        } else {
            self = .samAccountName(stored, domain: nil)
        }
    }

    /// The name as written, for errors.
    public var text: String {
        switch self {
        case .distinguishedName(let value), .userPrincipalName(let value), .uid(let value):
            return value
        case .samAccountName(let name, let domain):
            return domain.map { "\($0)\\\(name)" } ?? name
        }
    }

    /// The filter that finds the account (nil for a DN: it is read with a base search).
    public var filter: String? {
        switch self {
        case .distinguishedName:
            return nil
        case .userPrincipalName(let upn):
            return LDAPFilter.and("(objectClass=user)", LDAPFilter.equals("userPrincipalName", upn))
        case .samAccountName(let name, _):
            return LDAPFilter.and("(objectClass=user)", LDAPFilter.equals("sAMAccountName", name))
        case .uid(let uid):
            return LDAPFilter.equals("uid", uid)
        }
    }

    /// The name a simple bind can use before the DN is known. AD accepts a DN, a UPN,
    /// `DOMAIN\name`, and `name@dns.domain` (its implicit UPN, the DNS domain taken from the
    /// rootDSE's defaultNamingContext); an OpenLDAP uid needs a search first (nil).
    public func bindName(defaultNamingContext: String?) -> String? {
        switch self {
        case .distinguishedName(let dn): return dn
        case .userPrincipalName(let upn): return upn
        case .samAccountName(let name, let domain?): return "\(domain)\\\(name)"
        case .samAccountName(let name, nil):
            return defaultNamingContext.flatMap(DirectoryAccountName.dnsDomain).map { "\(name)@\($0)" }
        case .uid: return nil
        }
    }

    /// `contoso.com` from `DC=contoso,DC=com`; nil if the DN has other parts.
    static func dnsDomain(_ namingContext: String) -> String? {
        let labels = namingContext.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        guard !labels.isEmpty, labels.allSatisfy({ $0.lowercased().hasPrefix("dc=") }) else { return nil }
        return labels.map { $0.dropFirst(3) }.joined(separator: ".")
    }
}

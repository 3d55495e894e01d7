/// Which directory holds the account: it decides how a password is changed (AD's `unicodePwd`
/// or RFC 3062 Password Modify), how an account name is searched and where the policy lives.
public enum DirectoryKind: String, Equatable, Sendable, CaseIterable {
    case activeDirectory = "ad"
    case openLDAP = "openldap"
}

/// What one bind with a candidate password showed about whether the directory holds it.
public enum BindOutcome: Equatable, Sendable {
    /// The directory accepted the password: it holds it.
    case accepted
    /// The directory refused it as a wrong password (LDAP 49, AD 52e): it does not hold it.
    case refused
    /// No conclusion: the directory could not be asked (unreachable, TLS, timeout) or refused
    /// the logon for another reason (locked, disabled, …) that says nothing about the password.
    case inconclusive(DirectoryError)

    /// The outcome of a bind that ended with `error` (nil: it succeeded).
    public init(bindError error: DirectoryError?) {
        switch error {
        case nil: self = .accepted
        case .invalidCredentials?: self = .refused
        case let other?: self = .inconclusive(other)
        }
    }
}

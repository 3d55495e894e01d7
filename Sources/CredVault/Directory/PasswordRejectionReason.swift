/// Which rule of the domain's password policy a refused password broke, when the server's
/// message says so (Samba: "check_password_restrictions: the password is too short …").
public enum PasswordRejectionReason: String, Equatable, Sendable {
    case tooShort = "too-short"
    case notComplex = "not-complex"
    case inHistory = "in-history"
    case tooYoung = "too-young"
}

/// Which rule of the domain's password policy a refused password broke, when the server's
/// message says so (Samba: "check_password_restrictions: the password is too short …").
public enum PasswordRejectionReason: String, Equatable, Sendable {
    case tooShort = "too-short"
    case notComplex = "not-complex"
    case inHistory = "in-history"
    case tooYoung = "too-young"

    /// The rule named in a server's refusal text (Samba's check_password_restrictions wording).
    init?(parsing message: String) {
        let text = message.lowercased()
        if text.contains("too short") {
            self = .tooShort
        } else if text.contains("complexity") {
            self = .notComplex
        } else if text.contains("history") || text.contains("already used") {
            self = .inHistory
        } else if text.contains("too young") {
            self = .tooYoung
        } else {
            return nil
        }
    }
}

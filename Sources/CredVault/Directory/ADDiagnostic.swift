/// Active Directory's diagnostic message, taken apart: AD (and Samba) start it with a Win32 or
/// SSPI status in eight hex digits and, for binds, name the precise reason in a `data` field:
///
///     80090308: LdapErr: DSID-0C09041C, comment: AcceptSecurityContext error, data 52e, v4563
///     0000052D: Constraint violation - check_password_restrictions: the password is too short…
///
/// The message itself is kept verbatim: it is the server's, and holds no password.
public struct ADDiagnostic: Equatable, Sendable {
    /// The leading status, upper case: "80090308", "0000052D", "00000005", "00000056".
    public let code: String
    /// The `data` sub-code, lower case without leading zeros ("52e", "775"), when present.
    public let data: String?
    /// The whole message as the server sent it.
    public let message: String

    /// The status AD uses for "the password does not meet the policy".
    public static let passwordPolicyViolation = "0000052D"
    /// ERROR_INVALID_PASSWORD: a self change's old password is wrong.
    public static let invalidPassword = "00000056"

    /// Parses `message`; nil when it does not start with AD's eight-hex-digit status.
    public init?(parsing message: String) {
        let scalars = Array(message.unicodeScalars)
        guard scalars.count >= 9, scalars[8] == ":",
              scalars[0..<8].allSatisfy({ $0.properties.isASCIIHexDigit }) else { return nil }
        self.code = String(String.UnicodeScalarView(scalars[0..<8])).uppercased()
        self.data = ADDiagnostic.dataField(in: message)
        self.message = message
    }

    /// The hex digits after ", data " (e.g. "52e" from "…, data 52e, v4563"), leading zeros
    /// dropped so "0000052e" and "52e" compare equal.
    private static func dataField(in message: String) -> String? {
        guard let range = message.range(of: ", data ") else { return nil }
        let digits = message[range.upperBound...].prefix { $0.isHexDigit }
        guard !digits.isEmpty else { return nil }
        let trimmed = digits.drop { $0 == "0" }
        return trimmed.isEmpty ? "0" : trimmed.lowercased()
    }

    /// The bind refusal this diagnostic names (530, 531, 532, 533, 701, 773, 775), if any.
    public var bindRefusal: ADBindRefusal? {
        data.flatMap(ADBindRefusal.init(rawValue:))
    }

    /// The policy rule a Samba password refusal names; Windows' messages do not name one.
    public var rejectionReason: PasswordRejectionReason? {
        PasswordRejectionReason(parsing: message)
    }
}

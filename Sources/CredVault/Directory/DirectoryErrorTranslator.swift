/// Turns an LDAP result (code and diagnostic message) into a `DirectoryError`, reading Active
/// Directory's sub-codes where it gives them.
enum DirectoryErrorTranslator {
    // RFC 4511 result codes the translation looks at.
    static let invalidCredentials: Int32 = 49
    static let constraintViolation: Int32 = 19
    static let insufficientAccessRights: Int32 = 50
    static let unwillingToPerform: Int32 = 53
    // libldap's own client-side codes (negative).
    static let serverDown: Int32 = -1
    static let timedOut: Int32 = -5
    static let connectError: Int32 = -11

    /// The error for a failed `operation`; never called with success (0).
    static func error(resultCode: Int32, diagnostic: String, operation: DirectoryOperation) -> DirectoryError {
        let ad = ADDiagnostic(parsing: diagnostic)
        switch resultCode {
        case invalidCredentials:
            if operation == .passwordModify { return .wrongCurrentPassword(ad) }
            if let refusal = ad?.bindRefusal { return .accountRestricted(refusal, ad) }
            return .invalidCredentials(ad)
        case constraintViolation, unwillingToPerform:
            return passwordRefusal(resultCode: resultCode, diagnostic: diagnostic, ad: ad)
        case insufficientAccessRights:
            return .insufficientRights(ad)
        case timedOut:
            return .timeout(operation)
        default:
            return .other(resultCode: resultCode, diagnostic: diagnostic)
        }
    }

    /// Constraint violation (19) and unwilling to perform (53) both carry AD's password refusals:
    /// Windows answers a reset that breaks the policy with 53 and 0000052D.
    private static func passwordRefusal(resultCode: Int32, diagnostic: String, ad: ADDiagnostic?) -> DirectoryError {
        if ad?.code == ADDiagnostic.invalidPassword { return .wrongCurrentPassword(ad) }
        let reason = ad?.rejectionReason ?? PasswordRejectionReason(parsing: diagnostic)
        if ad?.code == ADDiagnostic.passwordPolicyViolation || reason != nil {
            return .passwordRejected(constraint: ad?.code, reason: reason)
        }
        if resultCode == unwillingToPerform { return .unwillingToPerform(ad) }
        return .other(resultCode: resultCode, diagnostic: diagnostic)
    }
}

@testable import CredVault
import Testing

/// AD's diagnostic messages as Windows and Samba send them, and the errors they become.
@Suite("AD diagnostic messages")
struct ADDiagnosticTests {
    @Test("a bind refusal's status and data sub-code are read")
    func bindRefusal() throws {
        let message = "80090308: LdapErr: DSID-0C09041C, comment: AcceptSecurityContext error, data 52e, v4563"
        let diagnostic = try #require(ADDiagnostic(parsing: message))
        #expect(diagnostic.code == "80090308")
        #expect(diagnostic.data == "52e")
        #expect(diagnostic.bindRefusal == nil)
        #expect(diagnostic.message == message)
    }

    @Test("each AD bind sub-code becomes its refusal", arguments: ADBindRefusal.allCases)
    func subCodes(refusal: ADBindRefusal) throws {
        let message = "80090308: LdapErr: DSID-0C090447, comment: AcceptSecurityContext error, data \(refusal.rawValue), v3839"
        #expect(ADDiagnostic(parsing: message)?.bindRefusal == refusal)
        #expect(DirectoryErrorTranslator.error(resultCode: 49, diagnostic: message, operation: .bind)
            == .accountRestricted(refusal, ADDiagnostic(parsing: message)))
    }

    @Test("padded sub-codes compare equal; messages without AD's status are not AD diagnostics")
    func shapes() {
        #expect(ADDiagnostic(parsing: "80090308: LdapErr: DSID-0C09041C, comment: x, data 0000052e, v1")?.data == "52e")
        #expect(ADDiagnostic(parsing: "0000052d: Constraint violation")?.code == "0000052D")
        #expect(ADDiagnostic(parsing: "invalid credentials") == nil)
        #expect(ADDiagnostic(parsing: "") == nil)
        #expect(ADDiagnostic(parsing: "8009030: short") == nil)
    }

    @Test("Samba's and Windows' password refusals become passwordRejected with the rule when named")
    func passwordRefusals() {
        let samba = "0000052D: Constraint violation - check_password_restrictions: the password is too short. It should be equal or longer than 7 characters!"
        #expect(DirectoryErrorTranslator.error(resultCode: 19, diagnostic: samba, operation: .modify)
            == .passwordRejected(constraint: "0000052D", reason: .tooShort))
        let windows = "0000052D: SvcErr: DSID-031A1254, problem 5003 (WILL_NOT_PERFORM), data 0\n"
        #expect(DirectoryErrorTranslator.error(resultCode: 53, diagnostic: windows, operation: .modify)
            == .passwordRejected(constraint: "0000052D", reason: nil))
        let history = "0000052D: Constraint violation - check_password_restrictions: the password was already used (in history)!"
        #expect(DirectoryErrorTranslator.error(resultCode: 19, diagnostic: history, operation: .modify)
            == .passwordRejected(constraint: "0000052D", reason: .inHistory))
        let young = "0000052D: Constraint violation - check_password_restrictions: password is too young to change!"
        #expect(ADDiagnostic(parsing: young)?.rejectionReason == .tooYoung)
        let complex = "0000052D: Constraint violation - check_password_restrictions: the password does not meet the complexity criteria!"
        #expect(ADDiagnostic(parsing: complex)?.rejectionReason == .notComplex)
    }

    @Test("wrong old password, missing rights, unwilling, timeouts and the rest")
    func otherResults() {
        let wrongOld = "00000056: AtrErr: DSID-03190F80, #1:\n\t0: 00000056: DSID-03190F80, problem 1005 (CONSTRAINT_ATT_TYPE), data 0, Att 9005a (unicodePwd)\n"
        #expect(DirectoryErrorTranslator.error(resultCode: 19, diagnostic: wrongOld, operation: .modify)
            == .wrongCurrentPassword(ADDiagnostic(parsing: wrongOld)))
        let rights = "00000005: SecErr: DSID-031A11E8, problem 4003 (INSUFF_ACCESS_RIGHTS), data 0"
        #expect(DirectoryErrorTranslator.error(resultCode: 50, diagnostic: rights, operation: .modify)
            == .insufficientRights(ADDiagnostic(parsing: rights)))
        let unwilling = "0000001F: SvcErr: DSID-031A12D2, problem 5003 (WILL_NOT_PERFORM), data 0"
        #expect(DirectoryErrorTranslator.error(resultCode: 53, diagnostic: unwilling, operation: .modify)
            == .unwillingToPerform(ADDiagnostic(parsing: unwilling)))
        #expect(DirectoryErrorTranslator.error(resultCode: -5, diagnostic: "", operation: .search) == .timeout(.search))
        #expect(DirectoryErrorTranslator.error(resultCode: 49, diagnostic: "", operation: .bind) == .invalidCredentials(nil))
        #expect(DirectoryErrorTranslator.error(resultCode: 49, diagnostic: "", operation: .passwordModify) == .wrongCurrentPassword(nil))
        #expect(DirectoryErrorTranslator.error(resultCode: 68, diagnostic: "exists", operation: .modify)
            == .other(resultCode: 68, diagnostic: "exists"))
    }
}

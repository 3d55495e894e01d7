@testable import CredVault
import Testing

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
}

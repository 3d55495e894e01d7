import CredVault
import Foundation
import Testing

/// The directory client against a real slapd with TLS (Tests/Fixtures/ldap): RFC 3062
/// Password Modify over StartTLS and LDAPS, self and reset.
@Suite("Directory client: slapd Password Modify", .timeLimit(.minutes(3)))
struct SlapdDirectoryTests {
    let account = DirectoryAccountName(SlapdTLS.accountDN, kind: .openLDAP)
    let admin = DirectoryAccountName(SlapdTLS.adminDN, kind: .openLDAP)

    @Test("self change with the old password: the new one binds, the old one is refused",
          arguments: [true, false])
    func selfChange(ldaps: Bool) throws {
        let slapd = try SlapdTLS()
        defer { slapd.stop() }
        let client = try slapd.client(ldaps ? slapd.ldapsURL : slapd.startTLSURL)
        let old = try slapd.accountPassword()
        let new = try TestPasswords.random()
        let session = try client.bind(as: account, password: old)
        #expect(session.rootDSE.supportsPasswordModify)
        try session.changeOwnPassword(current: old, new: new)
        #expect(try client.bind(as: account, password: new).accountDN == SlapdTLS.accountDN)
        let error = #expect(throws: DirectoryError.self) { _ = try client.bind(as: account, password: old) }
        #expect(error == .invalidCredentials(nil))
    }

    @Test("an account named by uid is found by an anonymous search, then binds")
    func uid() throws {
        let slapd = try SlapdTLS()
        defer { slapd.stop() }
        let byUID = DirectoryAccountName("svc-adsync-contoso", kind: .openLDAP)
        let session = try slapd.client(slapd.ldapsURL).bind(as: byUID, password: slapd.accountPassword())
        #expect(session.accountDN == SlapdTLS.accountDN)
        let error = #expect(throws: DirectoryError.self) {
            _ = try slapd.client(slapd.ldapsURL).bind(as: DirectoryAccountName("nobody", kind: .openLDAP),
                                                      password: slapd.accountPassword())
        }
        #expect(error == .noSuchAccount(account: "nobody"))
    }

    @Test("a wrong old password is refused and changes nothing")
    func wrongOldPassword() throws {
        let slapd = try SlapdTLS()
        defer { slapd.stop() }
        let client = try slapd.client(slapd.ldapsURL)
        let current = try slapd.accountPassword()
        let session = try client.bind(as: account, password: current)
        let error = #expect(throws: DirectoryError.self) {
            try session.changeOwnPassword(current: TestPasswords.text("not-the-password"), new: TestPasswords.random())
        }
        #expect(error != nil)
        #expect(try client.bind(as: account, password: current).accountDN == SlapdTLS.accountDN)
    }

    @Test("reset by the directory manager without the old password; the account's DN is confirmed")
    func reset() throws {
        let slapd = try SlapdTLS()
        defer { slapd.stop() }
        let client = try slapd.client(slapd.startTLSURL)
        let new = try TestPasswords.random()
        let manager = try client.bind(as: admin, password: slapd.rootPassword())
        let target = try manager.findAccountDN(account)
        #expect(target == SlapdTLS.accountDN)
        try manager.resetPassword(ofDN: target, to: new)
        #expect(try client.bind(as: account, password: new).accountDN == SlapdTLS.accountDN)
        #expect(throws: DirectoryError.self) { _ = try client.bind(as: account, password: slapd.accountPassword()) }
    }

    @Test("a wrong CA is refused over LDAPS and StartTLS")
    func wrongCA() throws {
        let slapd = try SlapdTLS()
        defer { slapd.stop() }
        for url in [slapd.ldapsURL, slapd.startTLSURL] {
            let error = #expect(throws: DirectoryError.self) {
                _ = try LDAPConnection.open(DirectoryEndpoint(url: url, caFile: slapd.otherCAFile))
            }
            guard case .tlsFailed(let server, _)? = error else {
                Issue.record("\(url): expected tlsFailed, got \(String(describing: error))")
                continue
            }
            #expect(server.hasPrefix("127.0.0.1:"))
        }
    }

    @Test("OpenLDAP has no AD policy to read")
    func noPolicy() throws {
        let slapd = try SlapdTLS()
        defer { slapd.stop() }
        let session = try slapd.client(slapd.ldapsURL).bind(as: account, password: slapd.accountPassword())
        #expect(try session.readPolicy() == nil)
    }
}

import CredVault
import Foundation
import Testing
import TestSupport

/// The directory client against a real Samba AD DC (Tests/Fixtures/samba), shared by these
/// tests and so run one at a time. Each test reads MSOL_test's current password from the
/// DC's PasswordBook and records the one it leaves.
@Suite("Directory client: Samba AD DC", .serialized, .timeLimit(.minutes(10)))
struct SambaDirectoryTests {
    let dc: SambaDC
    let msol = DirectoryAccountName(SambaDC.msolUPN, kind: .activeDirectory)

    init() throws { dc = try SambaDC.instance() }

    @Test("the account binds over LDAPS and StartTLS by UPN, sAMAccountName, DOMAIN\\name and DN; its DN is found")
    func bindsByEveryName() throws {
        let names = [SambaDC.msolUPN, "MSOL_test", "CONTOSO\\MSOL_test", SambaDC.msolDN]
        for url in ["ldaps://127.0.0.1", "ldap://127.0.0.1"] {
            for name in names {
                let session = try dc.client(url).bind(as: DirectoryAccountName(name, kind: .activeDirectory),
                                                      password: dc.passwords.current("msol"))
                #expect(session.accountDN == SambaDC.msolDN, "\(name) over \(url)")
            }
        }
    }

    @Test("a wrong password is invalidCredentials with AD's sub-code 52e")
    func wrongPassword() throws {
        let error = #expect(throws: DirectoryError.self) {
            _ = try dc.client().bind(as: msol, password: TestPasswords.text("Wrong-Pw-42!"))
        }
        guard case .invalidCredentials(let diagnostic)? = error else {
            Issue.record("expected invalidCredentials, got \(String(describing: error))")
            return
        }
        #expect(diagnostic?.code == "80090308")
        #expect(diagnostic?.data == "52e")
    }

    @Test("the rootDSE names the domain; Samba does not list the policy-hints control")
    func rootDSE() throws {
        let connection = try LDAPConnection.open(dc.endpoint())
        let root = try connection.readRootDSE()
        #expect(root.defaultNamingContext == SambaDC.domainDN)
        #expect(!root.supportedControls.isEmpty)
        #expect(!root.supportsPolicyHints)
    }

    @Test("the domain's policy is read: minPwdLength 7, complexity, history 24, ages, pwdLastSet")
    func policy() throws {
        let session = try dc.client().bind(as: msol, password: dc.passwords.current("msol"))
        let policy = try #require(try session.readPolicy())
        #expect(policy.minimumLength == 7)
        #expect(policy.complexityRequired)
        #expect(policy.historyLength == 24)
        #expect(policy.minimumAge == 0)
        #expect(policy.maximumAge == TimeInterval(42 * 86_400))
        #expect(policy.lockoutThreshold == 0)
        let lastSet = try #require(policy.passwordLastSet)
        #expect(abs(lastSet.timeIntervalSinceNow) < 3_600)
        #expect(policy.selfChange(at: Date()) == .allowed)
    }

    @Test("self change: the new password binds, the old one fails with 52e")
    func selfChange() throws {
        let old = try dc.passwords.current("msol")
        let new = try TestPasswords.random()
        let session = try dc.client().bind(as: msol, password: old)
        try session.changeOwnPassword(current: old, new: new)
        try dc.passwords.record("msol", new)
        #expect(try dc.client().bind(as: msol, password: new).accountDN == SambaDC.msolDN)
        let error = #expect(throws: DirectoryError.self) { _ = try dc.client().bind(as: msol, password: old) }
        guard case .invalidCredentials(let diagnostic)? = error else {
            Issue.record("old password: expected invalidCredentials, got \(String(describing: error))")
            return
        }
        #expect(diagnostic?.data == "52e")
    }

    @Test("a self change with a wrong current password is refused and changes nothing")
    func selfChangeWrongCurrent() throws {
        let current = try dc.passwords.current("msol")
        let session = try dc.client().bind(as: msol, password: current)
        let error = #expect(throws: DirectoryError.self) {
            try session.changeOwnPassword(current: TestPasswords.text("Wrong-Pw-42!"), new: TestPasswords.random())
        }
        guard case .wrongCurrentPassword? = error else {
            Issue.record("expected wrongCurrentPassword, got \(String(describing: error))")
            return
        }
        #expect(try dc.client().bind(as: msol, password: current).accountDN == SambaDC.msolDN)
    }

    @Test("reset by the rotator (Reset password right): the DN is found by sAMAccountName, the new password binds")
    func reset() throws {
        let old = try dc.passwords.current("msol")
        let new = try TestPasswords.random()
        let rotator = try dc.client().bind(as: DirectoryAccountName("rotator", kind: .activeDirectory),
                                           password: dc.passwords.current("rotator"))
        let target = try rotator.findAccountDN(DirectoryAccountName("MSOL_test", kind: .activeDirectory))
        #expect(target == SambaDC.msolDN)
        try rotator.resetPassword(ofDN: target, to: new)
        try dc.passwords.record("msol", new)
        #expect(try dc.client().bind(as: msol, password: new).accountDN == SambaDC.msolDN)
        #expect(throws: DirectoryError.self) { _ = try dc.client().bind(as: msol, password: old) }
    }

    @Test("a reset without the right is insufficientRights")
    func resetWithoutRights() throws {
        let rotator = try dc.client().bind(as: DirectoryAccountName("rotator", kind: .activeDirectory),
                                           password: dc.passwords.current("rotator"))
        let target = try rotator.findAccountDN(DirectoryAccountName("MSOL_other@contoso.test", kind: .activeDirectory))
        #expect(target == SambaDC.otherDN)
        let error = #expect(throws: DirectoryError.self) { try rotator.resetPassword(ofDN: target, to: TestPasswords.random()) }
        guard case .insufficientRights? = error else {
            Issue.record("expected insufficientRights, got \(String(describing: error))")
            return
        }
        #expect(try dc.client().bind(as: DirectoryAccountName("MSOL_other", kind: .activeDirectory),
                                     password: dc.passwords.current("other")).accountDN == SambaDC.otherDN)
    }

    @Test("refusals by policy: too short, not complex, reused from history (0000052D); nothing changes",
          arguments: [("Aa1!x", PasswordRejectionReason.tooShort), ("abcdefghijkl", .notComplex)])
    func policyRefusals(candidate: String, reason: PasswordRejectionReason) throws {
        let current = try dc.passwords.current("msol")
        let session = try dc.client().bind(as: msol, password: current)
        let error = #expect(throws: DirectoryError.self) {
            try session.changeOwnPassword(current: current, new: TestPasswords.text(candidate))
        }
        #expect(error == .passwordRejected(constraint: "0000052D", reason: reason))
        #expect(try dc.client().bind(as: msol, password: current).accountDN == SambaDC.msolDN)
    }

    @Test("a password from the history is refused (0000052D, in history)")
    func historyReuse() throws {
        let first = try dc.passwords.current("msol")
        let second = try TestPasswords.random()
        try dc.client().bind(as: msol, password: first).changeOwnPassword(current: first, new: second)
        try dc.passwords.record("msol", second)
        let session = try dc.client().bind(as: msol, password: second)
        let error = #expect(throws: DirectoryError.self) { try session.changeOwnPassword(current: second, new: first) }
        #expect(error == .passwordRejected(constraint: "0000052D", reason: .inHistory))
    }

    @Test("minPwdAge 1 day: the policy says when a self change becomes possible, AD refuses it, a reset works")
    func minimumAge() throws {
        try dc.sambaTool(["domain", "passwordsettings", "set", "--min-pwd-age=1"])
        defer { restoreMinimumAge() }
        let current = try dc.passwords.current("msol")
        let session = try dc.client().bind(as: msol, password: current)
        let policy = try #require(try session.readPolicy())
        #expect(policy.minimumAge == 86_400)
        let lastSet = try #require(policy.passwordLastSet)
        #expect(policy.selfChange(at: Date()) == .notBefore(lastSet.addingTimeInterval(86_400)))
        #expect(policy.selfChange(at: lastSet.addingTimeInterval(86_401)) == .allowed)

        let error = #expect(throws: DirectoryError.self) {
            try session.changeOwnPassword(current: current, new: TestPasswords.random())
        }
        #expect(error == .passwordRejected(constraint: "0000052D", reason: .tooYoung))

        let new = try TestPasswords.random()
        let rotator = try dc.client().bind(as: DirectoryAccountName("rotator", kind: .activeDirectory),
                                           password: dc.passwords.current("rotator"))
        try rotator.resetPassword(ofDN: SambaDC.msolDN, to: new)
        try dc.passwords.record("msol", new)
        #expect(try dc.client().bind(as: msol, password: new).accountDN == SambaDC.msolDN)
    }

    @Test("a disabled account is refused with AD's 533, not as a wrong password")
    func disabledAccount() throws {
        try dc.sambaTool(["user", "disable", "MSOL_other"])
        defer { _ = try? dc.sambaTool(["user", "enable", "MSOL_other"]) }
        let error = #expect(throws: DirectoryError.self) {
            _ = try dc.client().bind(as: DirectoryAccountName("MSOL_other", kind: .activeDirectory),
                                     password: dc.passwords.current("other"))
        }
        guard case .accountRestricted(let refusal, _)? = error else {
            Issue.record("expected accountRestricted, got \(String(describing: error))")
            return
        }
        #expect(refusal == .accountDisabled)
    }

    @Test("a CA that did not sign the DC's certificate is refused, over LDAPS and StartTLS",
          arguments: ["ldaps://127.0.0.1", "ldap://127.0.0.1"])
    func wrongCA(url: String) throws {
        let error = #expect(throws: DirectoryError.self) {
            _ = try LDAPConnection.open(dc.endpoint(url, caFile: dc.otherCAFile))
        }
        guard case .tlsFailed(let server, let reason)? = error else {
            Issue.record("expected tlsFailed, got \(String(describing: error))")
            return
        }
        #expect(server == "127.0.0.1")
        #expect(!reason.isEmpty)
    }

    @Test("no account by a name: noSuchAccount")
    func noSuchAccount() throws {
        let session = try dc.client().bind(as: msol, password: dc.passwords.current("msol"))
        let error = #expect(throws: DirectoryError.self) {
            _ = try session.findAccountDN(DirectoryAccountName("nobody*", kind: .activeDirectory))
        }
        #expect(error == .noSuchAccount(account: "nobody*"))
    }

    @Test("recovery asks the DC: before the change the committed password binds (abort), after it the pending one (finish)")
    func recoveryDecisions() throws {
        let current = try dc.passwords.current("msol")
        let pending = try TestPasswords.random()
        let pendingBefore = bindOutcome(pending)
        #expect(pendingBefore == .refused)
        #expect(RotationRecovery.next(pending: pendingBefore, current: bindOutcome(current)) == .decided(.abort))

        // Changed by the rotator's reset: the decision must not depend on the domain's minPwdAge.
        let rotator = try dc.client().bind(as: DirectoryAccountName("rotator", kind: .activeDirectory),
                                           password: dc.passwords.current("rotator"))
        try rotator.resetPassword(ofDN: SambaDC.msolDN, to: pending)
        try dc.passwords.record("msol", pending)
        #expect(RotationRecovery.next(pending: bindOutcome(pending), current: nil) == .decided(.finish))
        #expect(bindOutcome(current) == .refused)
    }

    /// Puts minPwdAge back to 0 and waits until the DC reports it, so the suite's later self
    /// changes are not refused as too young; a failure here is reported, never swallowed.
    func restoreMinimumAge() {
        do {
            try dc.sambaTool(["domain", "passwordsettings", "set", "--min-pwd-age=0"])
            let restored = try eventually(deadline: 30, poll: 0.2) {
                try dc.client().bind(as: msol, password: dc.passwords.current("msol")).readPolicy()?.minimumAge == 0
            }
            #expect(restored, "minPwdAge did not return to 0")
        } catch {
            Issue.record("could not restore minPwdAge 0: \(error)")
        }
    }

    private func bindOutcome(_ password: borrowing SecureBytes) -> BindOutcome {
        do {
            _ = try dc.client().bind(as: msol, password: password)
            return BindOutcome(bindError: nil)
        } catch let error as DirectoryError {
            return BindOutcome(bindError: error)
        } catch {
            return .inconclusive(.other(resultCode: -1, diagnostic: "\(error)"))
        }
    }
}

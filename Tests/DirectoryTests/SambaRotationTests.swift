import CredVault
import Foundation
import Testing
import TestSupport

/// `credvault rotate` against the shared Samba AD DC, through the real binary. These tests
/// extend the Samba suite so they run serialized with it (one DC, one MSOL_test account);
/// each records the password it leaves in the DC's PasswordBook.
extension SambaDirectoryTests {
    private func text(_ password: borrowing SecureBytes) -> String {
        password.withUnsafeBytes { String(decoding: $0, as: UTF8.self) }
    }

    private func bench(extra: [String] = [], urls: [String] = ["ldaps://127.0.0.1", "ldap://127.0.0.1"],
                       caFile: String? = nil) throws -> RotationBench {
        try RotationBench(forest: "contoso.test", account: SambaDC.msolUPN, password: text(dc.passwords.current("msol")),
                          urls: urls, caFile: caFile ?? dc.caFile, kind: .activeDirectory, extra: extra)
    }

    /// What MSOL_test's password is after a rotation: the vault's, recorded for the next test.
    private func recordVaultPassword(_ bench: RotationBench) throws -> String {
        let held = try bench.current()
        try dc.passwords.record("msol", TestPasswords.text(held))
        return held
    }

    @Test("rotate (self): the new password binds over LDAPS, the old fails with 52e; stored, pushed, audited")
    func rotateSelf() throws {
        let bench = try bench()
        let old = try bench.current()
        let seq = try bench.lastSeq()
        let result = try bench.sandbox.run(["rotate", bench.forest, "--reason", "CHG-AD-1"])
        let new = try recordVaultPassword(bench)
        #expect(result.status == 0, "\(result)")
        #expect(new != old)
        #expect(try bench.binds(new, url: "ldaps://127.0.0.1") == .accepted)
        let error = #expect(throws: DirectoryError.self) {
            _ = try dc.client().bind(as: msol, password: TestPasswords.text(old))
        }
        guard case .invalidCredentials(let diagnostic)? = error else {
            Issue.record("old password: expected invalidCredentials, got \(String(describing: error))")
            return
        }
        #expect(diagnostic?.data == "52e")
        #expect(try bench.connectorPassword() == new)
        #expect(try bench.auditActions(after: seq).filter { $0 != "get" } == SlapdRotationTests.chain)
        #expect(try bench.sandbox.run(["audit", "verify"]).status == 0)
    }

    @Test("rotate --stdin with a password below the domain's policy: one line, exit 76, nothing changed")
    func rotateRefusesShortPassword() throws {
        let bench = try bench()
        let before = try bench.state()
        let result = try bench.sandbox.run(["rotate", bench.forest, "--stdin"], stdin: "Ab1!x\n")
        #expect(result.status == 76, "\(result)")
        #expect(result.stderrLines.count == 1 && result.stderr.contains("at least 7 characters"), "\(result.stderr)")
        #expect(try bench.state() == before)
        #expect(try bench.binds(try bench.current(), url: "ldaps://127.0.0.1") == .accepted)
    }

    @Test("rotate --stdin with a password from the history (pwdHistoryLength 24): one line, exit 76, nothing changed")
    func rotateRefusesPasswordFromHistory() throws {
        let bench = try bench()
        let old = try bench.current()
        let first = try bench.sandbox.run(["rotate", bench.forest, "--no-push"])
        let current = try recordVaultPassword(bench)
        #expect(first.status == 0, "\(first)")
        let before = try bench.state()
        let reused = try bench.sandbox.run(["rotate", bench.forest, "--stdin"], stdin: old + "\n")
        #expect(reused.status == 76, "\(reused)")
        #expect(reused.stderrLines.count == 1 && reused.stderr.contains("one of the last 24 the domain's history refuses"), "\(reused.stderr)")
        #expect(try bench.state() == before)
        #expect(try bench.binds(current, url: "ldaps://127.0.0.1") == .accepted)
    }

    @Test("a CA that did not sign the DC's certificate: rotate and directory test exit 69, nothing changed")
    func rotateRefusesWrongCA() throws {
        let bench = try bench(urls: ["ldaps://127.0.0.1"], caFile: dc.otherCAFile)
        let before = try bench.state()
        for command in [["rotate", bench.forest], ["directory", "test", bench.forest]] {
            let result = try bench.sandbox.run(command)
            #expect(result.status == 69, "\(result)")
            #expect(result.stderrLines.count == 1 && result.stderr.contains("check that the CA file holds the CA"))
        }
        #expect(try bench.state() == before)
    }

    @Test("minPwdAge 1 day: self rotation refused up front with the time and the --reset-with hint; reset mode rotates")
    func rotateTooYoungThenReset() throws {
        try dc.sambaTool(["domain", "passwordsettings", "set", "--min-pwd-age=1"])
        defer { restoreMinimumAge() }
        let bench = try bench()
        let before = try bench.state()
        let refused = try bench.sandbox.run(["rotate", bench.forest])
        #expect(refused.status == 76, "\(refused)")
        #expect(refused.stderrLines.count == 1)
        #expect(refused.stderr.contains("minimum password age forbids a self change") && refused.stderr.contains("--reset-with"))
        #expect(try bench.state() == before)

        try bench.expectOK(bench.sandbox.run(["set", "rotator.contoso.test", "--account", "rotator", "--stdin"],
                                             stdin: text(dc.passwords.current("rotator")) + "\n"))
        try bench.expectOK(bench.sandbox.run(["directory", "set", bench.forest, "--url", "ldaps://127.0.0.1",
                                              "--ca-file", dc.caFile, "--reset-with", "rotator.contoso.test"]))
        let reset = try bench.sandbox.run(["rotate", bench.forest, "--json"])
        let new = try recordVaultPassword(bench)
        #expect(reset.status == 0, "\(reset)")
        #expect(reset.stdout.contains("\"mode\":\"reset\""))
        #expect(try bench.binds(new, url: "ldaps://127.0.0.1") == .accepted)
    }

    @Test("SIGKILL after a step against AD, then rotate --resume: the account binds with the vault's password",
          arguments: ["pending", "changed", "verified", "committed"])
    func killThenResume(step: String) throws {
        let bench = try bench()
        let old = try bench.current()
        let paused = try bench.startPaused(after: step)
        paused.kill()
        if step != "committed" { #expect(try bench.current() == old, "get returns the committed version until the commit") }
        let resumed = try bench.sandbox.run(["rotate", "--resume", bench.forest])
        let held = try recordVaultPassword(bench)
        #expect(resumed.status == 0, "\(resumed)")
        #expect((held != old) == (step != "pending"), "only a change that reached AD is kept")
        #expect(try bench.binds(held, url: "ldaps://127.0.0.1") == .accepted)
        #expect(try bench.connectorPassword() == held)
    }
}

import Foundation
import Testing
import TestSupport

/// Issue 13: `set` keeps the forest's account, refuses an account typo and a reused password.
@Suite("set keeps the account and refuses reuse")
struct SetGuardTests {
    func account(_ vault: VaultSandbox, _ forest: String) throws -> String? {
        let list = try vault.run(["list", "--json"])
        let rows = try JSON.array(list.stdout)
        return rows.first { $0["forest"] as? String == forest }?["account"] as? String
    }

    @Test("without --account a rotation keeps the forest's account")
    func keepsAccount() throws {
        let vault = try VaultSandbox()
        try vault.set("f2.com", account: "F2\\svc-sync", password: "Keep-Account-1")
        let next = try vault.run(["set", "f2.com", "--stdin"], stdin: "Keep-Account-2\n")
        #expect(next.status == 0, "\(next)")
        #expect(try account(vault, "f2.com") == "F2\\svc-sync")
        let generated = try vault.run(["set", "f2.com", "--generate"])
        #expect(generated.status == 0, "\(generated)")
        #expect(try account(vault, "f2.com") == "F2\\svc-sync")
    }

    @Test("a different --account is refused, naming the old one, unless --new-account")
    func accountTypoRefused() throws {
        let vault = try VaultSandbox()
        try vault.set("f2.com", account: "svc-sync", password: "Account-Typo-1")
        let before = try vault.auditEventCount()
        let typo = try vault.run(["set", "f2.com", "--account", "other-acct", "--stdin"], stdin: "Account-Typo-2\n")
        #expect(typo.status == 65, "\(typo)")
        #expect(typo.stderrLines.count == 1)
        #expect(typo.stderr.contains("svc-sync"), "\(typo.stderr)")
        #expect(typo.stderr.contains("--new-account"), "\(typo.stderr)")
        #expect(try vault.auditEventCount() == before, "a refused set wrote an audit event")
        #expect(try account(vault, "f2.com") == "svc-sync")
        // The same account in another case is the same AD account.
        #expect(try vault.run(["set", "f2.com", "--account", "SVC-sync", "--stdin"], stdin: "Account-Typo-3\n").status == 0)
        let change = try vault.run(["set", "f2.com", "--account", "other-acct", "--new-account", "--stdin"], stdin: "Account-Typo-4\n")
        #expect(change.status == 0, "\(change)")
        #expect(try account(vault, "f2.com") == "other-acct")
    }

    @Test("a new forest without --account is a usage error")
    func newForestNeedsAccount() throws {
        let vault = try VaultSandbox()
        let result = try vault.run(["set", "new.com", "--stdin"], stdin: "New-Forest-Pw-1\n")
        #expect(result.status == 64, "\(result)")
        #expect(result.stderrLines.count == 1)
        #expect(result.stderr.contains("--account"))
        #expect(try vault.run(["set", "new.com", "--new-account", "--stdin"], stdin: "New-Forest-Pw-1\n").status == 64)
    }

    @Test("a password of a recent version is refused unless --allow-reuse")
    func reuseRefused() throws {
        let vault = try VaultSandbox()
        try vault.set("f2.com", password: "Reused-Pw-1")
        try vault.set("f2.com", password: "Reused-Pw-2")
        for password in ["Reused-Pw-1", "Reused-Pw-2"] {
            let again = try vault.run(["set", "f2.com", "--stdin"], stdin: password + "\n")
            #expect(again.status == 65, "\(again)")
            #expect(again.stderr.contains("--allow-reuse"), "\(again.stderr)")
            #expect(!again.stderr.contains(password), "the refusal must not show the password")
        }
        let allowed = try vault.run(["set", "f2.com", "--stdin", "--allow-reuse"], stdin: "Reused-Pw-1\n")
        #expect(allowed.status == 0, "\(allowed)")
        // rollback is the way back to an old password and is not refused.
        #expect(try vault.run(["rollback", "f2.com", "--to", "2"]).status == 0)
    }

    @Test("--expect-version on a new forest says it has no version yet")
    func expectVersionOnNewForest() throws {
        let vault = try VaultSandbox()
        let result = try vault.run(["set", "new.com", "--account", "svc", "--stdin", "--expect-version", "1"], stdin: "Expect-Pw-11\n")
        #expect(result.status == 75)
        #expect(result.stderr.contains("has no version yet"), "\(result.stderr)")
        #expect(!result.stderr.contains("another change landed first"))
    }
}

import Foundation
import Testing
import TestSupport

/// `credvault directory` without a server: settings stored, shown, audited, removed; a row
/// edited in the database is refused; bad URLs and files are usage and input errors.
@Suite("directory settings (CLI)")
struct DirectoryCLITests {
    static let forest = "contoso.com"

    private func sandbox() throws -> (VaultSandbox, String) {
        let vault = try VaultSandbox()
        try vault.set(Self.forest, account: "MSOL_1@contoso.com", password: "Dir-Cli-Pw-1!")
        let ca = try vault.write("ca.pem", "-----BEGIN CERTIFICATE-----\n-----END CERTIFICATE-----\n")
        return (vault, ca)
    }

    @Test("set, show, remove: stored with the forest's account, audited, gone after remove")
    func setShowRemove() throws {
        let (vault, ca) = try sandbox()
        let set = try vault.run(["directory", "set", Self.forest, "--url", "ldaps://dc1.contoso.com",
                                 "--url", "ldap://dc2.contoso.com:389", "--ca-file", ca])
        #expect(set.status == 0, "\(set)")
        let show = try vault.run(["directory", "show", Self.forest])
        #expect(show.status == 0)
        #expect(show.stdout.contains("url:       ldaps://dc1.contoso.com   (changed here)"))
        #expect(show.stdout.contains("account:   MSOL_1@contoso.com"))
        #expect(show.stdout.contains("row MAC:   ok"))
        let json = try vault.run(["directory", "show", Self.forest, "--json"])
        #expect(json.stdout.contains("\"kind\":\"ad\"") && json.stdout.contains("\"mode\":\"self\""))
        #expect(try vault.run(["directory", "remove", Self.forest]).status == 0)
        let gone = try vault.run(["directory", "show", Self.forest])
        #expect(gone.status == 66)
        #expect(gone.stderr.contains("no directory is set for forest contoso.com"))
        let audit = try vault.run(["audit", "--forest", Self.forest])
        #expect(audit.stdout.contains("directory.set") && audit.stdout.contains("directory.remove"))
    }

    @Test("rekey re-MACs directory rows; it refuses one edited in the database and changes nothing")
    func rekey() throws {
        let (vault, ca) = try sandbox()
        #expect(try vault.run(["directory", "set", Self.forest, "--url", "ldaps://dc1.contoso.com", "--ca-file", ca]).status == 0)
        let rekeyed = try vault.run(["rekey"])
        #expect(rekeyed.status == 0, "\(rekeyed)")
        let show = try vault.run(["directory", "show", Self.forest])
        #expect(show.status == 0 && show.stdout.contains("row MAC:   ok"), "\(show)")
        try vault.sqlite("UPDATE directories SET ca_file = '/tmp/other.pem'")
        let before = try vault.dump()
        let refused = try vault.run(["rekey"])
        #expect(refused.status == 65, "\(refused)")
        #expect(try vault.dump() == before)
    }

    @Test("a directory row edited in the database: show and rotate exit 65 and say so")
    func tamperedRow() throws {
        let (vault, ca) = try sandbox()
        #expect(try vault.run(["directory", "set", Self.forest, "--url", "ldaps://dc1.contoso.com", "--ca-file", ca]).status == 0)
        try vault.sqlite("UPDATE directories SET urls = '[\"ldaps://evil.example\"]'")
        let show = try vault.run(["directory", "show", Self.forest])
        #expect(show.status == 65)
        #expect(show.stdout.contains("TAMPERED"))
        let rotate = try vault.run(["rotate", Self.forest])
        #expect(rotate.status == 65)
        #expect(rotate.stderrLines.count == 1 && rotate.stderr.contains("changed in the database outside credvault"))
        try vault.sqlite("UPDATE directories SET mac = 'not a blob'")
        let mistyped = try vault.run(["directory", "show", Self.forest])
        #expect(mistyped.status == 65)
        #expect(mistyped.stderr.contains("directories row contoso.com is damaged: its mac column"))
    }

    @Test("bad settings: a URL that is not ldaps:// or ldap:// (64), a missing CA file or forest (66)")
    func badSettings() throws {
        let (vault, ca) = try sandbox()
        let before = try vault.dump()
        let scheme = try vault.run(["directory", "set", Self.forest, "--url", "https://dc1", "--ca-file", ca])
        #expect(scheme.status == 64)
        #expect(scheme.stderrLines.count == 1 && scheme.stderr.contains("use ldaps://HOST[:PORT]"))
        let noCA = try vault.run(["directory", "set", Self.forest, "--url", "ldaps://dc1", "--ca-file", vault.path("none.pem")])
        #expect(noCA.status == 66)
        #expect(noCA.stderr.contains("cannot read the CA file"))
        let noForest = try vault.run(["directory", "set", "fabrikam.com", "--url", "ldaps://dc1", "--ca-file", ca])
        #expect(noForest.status == 66)
        let noEntry = try vault.run(["directory", "set", Self.forest, "--url", "ldaps://dc1", "--ca-file", ca,
                                     "--reset-with", "rotator.contoso.com"])
        #expect(noEntry.status == 66)
        #expect(try vault.dump() == before)
        let rotate = try vault.run(["rotate", Self.forest])
        #expect(rotate.status == 66)
        #expect(rotate.stderr.contains("credvault directory set contoso.com"))
    }
}

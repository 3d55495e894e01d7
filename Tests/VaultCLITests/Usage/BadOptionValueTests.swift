import Foundation
import Testing
import TestSupport

/// Issue 13: every usage mistake exits 64 with one line, a bad option value included (it used
/// to be 65), and `--version` after a subcommand is not the tool's version.
@Suite("Bad option values are usage errors")
struct BadOptionValueTests {
    static func makeVault() throws -> VaultSandbox {
        let vault = try VaultSandbox()
        try vault.set("contoso.com", password: "Usage-Pw-1111")
        return vault
    }

    @Test("a bad option value exits 64 with one line on stderr and nothing on stdout", arguments: [
        ["set", "contoso.com", "--account", "svc-sync", "--generate", "--length", "11"],
        ["set", "contoso.com", "--account", "svc-sync", "--generate", "--length", "257"],
        ["set", "contoso.com", "--account", "svc-sync", "--stdin", "--expect-version", "-1"],
        ["get", "contoso.com", "--version", "0"],
        ["get", "contoso.com", "--version", "-3"],
        ["rollback", "contoso.com", "--to", "0"],
        ["audit", "--since", "yesterday"],
        ["audit", "--until", "tomorrow"],
        ["audit", "--since", "2026-12-02", "--until", "2026-01-01"],
        ["audit", "--action", "nonsense"],
        ["audit", "--forest", "not a forest!"],
        ["audit", "--after-seq", "-1"],
        ["connector", "add", "x", "--forest", "contoso.com", "--exec", "/bin/true", "--timeout", "0"],
        ["connector", "add", "x", "--forest", "contoso.com", "--exec", "/bin/true", "--timeout", "3601"],
        ["init", "--kdf", "bogus"],
        ["passphrase", "change", "--kdf", "bogus"],
        ["import", "--format", "xml"],
        ["audit", "verify", "--checkpoint", "garbage"],
        ["push", "contoso.com", "--all"],
        ["doctor", "contoso.com", "--all"],
        ["doctor", "--all", "--log", "/var/log/x.log"],
        ["check"],
        ["status", "extra"],
        ["set", "contoso.com", "--version"],
        ["push", "contoso.com", "--version"],
        ["get", "contoso.com", "--version"],
    ])
    func badValue(arguments: [String]) throws {
        let vault = try Self.makeVault()
        let before = try vault.auditEventCount()
        let result = try vault.run(arguments, stdin: "Usage-Pw-2222\n")
        #expect(result.status == 64, "\(arguments): \(result)")
        #expect(result.stderrLines.count == 1, "\(arguments): \(result.stderr)")
        #expect(result.stderr.hasPrefix("credvault: error: "), "\(arguments): \(result.stderr)")
        #expect(result.stdout.isEmpty, "\(arguments): \(result.stdout)")
        #expect(try vault.auditEventCount() == before, "\(arguments) changed the vault")
    }

    @Test("the tool's version is `credvault --version` only")
    func toolVersion() throws {
        let vault = try Self.makeVault()
        let version = try CLI.run(["--version"])
        #expect(version.status == 0)
        #expect(version.stdout == "0.1.0\n")
        let after = try vault.run(["set", "contoso.com", "--version"])
        #expect(after.stderr.contains("credvault --version"), "\(after.stderr)")
        // `get --version N` is unchanged.
        let get = try vault.run(["get", "contoso.com", "--version", "1"])
        #expect(get.status == 0, "\(get)")
        #expect(get.stdout == "Usage-Pw-1111\n")
    }
}

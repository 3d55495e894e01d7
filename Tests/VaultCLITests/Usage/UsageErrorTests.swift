import Foundation
import Testing
import TestSupport

@Suite("Usage errors")
struct UsageErrorTests {
    @Test("a usage mistake is one line on stderr and exit 64", arguments: [
        ["frobnicate"],
        ["set", "contoso.com"],
        ["set", "contoso.com", "--account", "a", "--stdin", "--generate"],
        ["push"],
        ["connector", "add", "x", "--forest", "contoso.com", "--format", "yaml"],
        ["get", "contoso.com", "--version", "two"],
    ])
    func usageErrorIsOneLine(arguments: [String]) throws {
        let vault = try VaultSandbox()
        let result = try vault.run(arguments)
        #expect(result.status == 64)
        #expect(result.stderrLines.count == 1, "\(result.stderr)")
        #expect(result.stderr.hasPrefix("credvault: error: "))
        #expect(result.stdout.isEmpty)
    }

    @Test("an unknown command is named as such, not as unexpected arguments")
    func unknownCommand() throws {
        let result = try CLI.run(["replicate", "contoso.com"])
        #expect(result.status == 64)
        #expect(result.stderr == "credvault: error: 'replicate' is not a credvault command (`credvault --help` lists them)\n")
        #expect(try CLI.run(["connector", "frobnicate"]).status == 64)
    }

    @Test("--help still prints the whole help and exits 0")
    func helpIsWhole() throws {
        let result = try CLI.run(["push", "--help"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("Examples:"))
        #expect(result.stdout.contains("--rollback-on-failure"))
    }
}

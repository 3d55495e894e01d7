import ArgumentParser
import Testing
@testable import VaultCLI

/// Usage mistakes, caught by argument-parser before any command runs: `parseAsRoot` throws and
/// `exitCode(for:)` (what `CredVaultCommand.main` exits with) is 64, EX_USAGE.
@Suite("usage errors and exit codes (argument-parser API)")
struct ParseExitCodeTests {
    static func parseError(_ arguments: [String]) -> Error? {
        do {
            _ = try CredVaultCommand.parseAsRoot(arguments)
            return nil
        } catch {
            return error
        }
    }

    @Test("an unknown subcommand, a missing argument or option, a bad option value exit 64", arguments: [
        ["frobnicate"],
        ["rotate"],
        ["rotate", "contoso.com", "--resume", "--dry-run"],
        ["directory", "set", "contoso.com", "--ca-file", "ca.pem"],
        ["directory", "set", "contoso.com", "--url", "ldaps://dc", "--ca-file", "ca.pem", "--kind", "novell"],
        ["connector", "frobnicate"],
        ["get"],
        ["history"],
        ["set", "contoso.com", "--account"],  // issue 13: `set F` alone keeps the account, so it parses
        ["rollback", "contoso.com"],
        ["connector", "remove"],
        ["get", "contoso.com", "--version", "two"],
        ["set", "contoso.com", "--account", "a", "--generate", "--length", "many"],
        ["connector", "add", "x", "--forest", "contoso.com", "--format", "yaml"],
        ["import", "--format", "xml"],
        ["get", "contoso.com", "--bogus"],
        ["audit", "--since"],
    ])
    func parseErrors(arguments: [String]) throws {
        let error = try #require(Self.parseError(arguments), "\(arguments) parsed")
        #expect(CredVaultCommand.exitCode(for: error) == .validationFailure, "\(arguments): \(error)")
        #expect(CredVaultCommand.exitCode(for: error).rawValue == 64)
    }

    @Test("options that contradict each other are refused by validate(), also exit 64", arguments: [
        ["set", "contoso.com", "--account", "a", "--stdin", "--generate"],
        ["set", "contoso.com", "--account", "a", "--length", "40"],
        ["set", "contoso.com", "--account", "a", "--expect-version=-1"],
        ["push"],
        ["push", "contoso.com", "--all"],
        ["push", "contoso.com", "--no-restart", "--rollback-on-failure"],
        ["connector", "add", "x", "--forest", "contoso.com"],
        ["connector", "add", "x", "--forest", "contoso.com", "--file", "f", "--exec", "e"],
        ["connector", "add", "x", "--forest", "contoso.com", "--file", "f", "--password-key", "p"],
        ["connector", "add", "x", "--forest", "contoso.com", "--exec", "e", "--format", "json"],
    ])
    func validationErrors(arguments: [String]) throws {
        let error = try #require(Self.parseError(arguments), "\(arguments) parsed")
        #expect(CredVaultCommand.exitCode(for: error) == .validationFailure, "\(arguments): \(error)")
    }

    /// What `credvault arguments…` exits with when it only asks for help: `--help` and `help`
    /// parse into argument-parser's own help command, which throws the help screen when run
    /// (as `CredVaultCommand.main` runs it); `--version` throws at parse time.
    static func helpRequest(_ arguments: [String]) throws -> Error? {
        var command: ParsableCommand
        do {
            command = try CredVaultCommand.parseAsRoot(arguments)
        } catch {
            return error
        }
        // Never run a real command here: it would open a vault.
        try #require(String(describing: type(of: command)) == "HelpCommand", "\(arguments) parsed as \(type(of: command))")
        do {
            try command.run()
            return nil
        } catch {
            return error
        }
    }

    @Test("--help and help are not errors: exit 0 with the command's whole help screen", arguments: [
        ([String](["--help"]), "USAGE: credvault <subcommand>", "A first session:"),
        (["push", "--help"], "USAGE: credvault push", "--rollback-on-failure"),
        (["help", "push"], "USAGE: credvault push", "--rollback-on-failure"),
        (["connector", "add", "-h"], "USAGE: credvault connector add", "--password-key"),
    ])
    func helpIsSuccess(_ example: ([String], String, String)) throws {
        let error = try #require(try Self.helpRequest(example.0))
        #expect(CredVaultCommand.exitCode(for: error) == .success)
        let message = CredVaultCommand.fullMessage(for: error)
        #expect(message.contains(example.1), "\(message)")
        #expect(message.contains(example.2), "\(message)")
    }

    @Test("--version is not an error: exit 0 and the version alone")
    func versionIsSuccess() throws {
        let error = try #require(try Self.helpRequest(["--version"]))
        #expect(CredVaultCommand.exitCode(for: error) == .success)
        #expect(CredVaultCommand.fullMessage(for: error) == "0.1.0")
    }

    @Test("well-formed command lines parse into their command", arguments: [
        (["set", "contoso.com", "--account", "svc", "--stdin"], "set"),
        (["get", "contoso.com", "--version", "2"], "get"),
        (["push", "--all", "--json"], "push"),
        (["audit"], "show"),
        (["audit", "verify", "--json"], "verify"),
        (["connector", "add", "x", "--forest", "contoso.com", "--exec", "/bin/true"], "add"),
    ])
    func wellFormed(_ example: ([String], String)) throws {
        let command = try CredVaultCommand.parseAsRoot(example.0)
        #expect(type(of: command).configuration.commandName == example.1)
    }
}

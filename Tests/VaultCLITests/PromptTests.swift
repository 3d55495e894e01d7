import Foundation
import Testing
import TestSupport

/// The no-echo prompts, on a real pseudo-terminal.
@Suite("Terminal prompts")
struct PromptTests {
    @Test("init asks for a passphrase twice without echo; set prompts for the passphrase and the password twice")
    func passphraseVaultOnATerminal() throws {
        let folder = try VaultSandbox(initialize: false)
        let environment = ["CREDVAULT_VAULT": folder.vaultPath]
        let passphrase = "Tty-Passphrase-Qw7"
        let password = "Tty-Password-Er8!"

        let initSession = try TerminalSession(["init", "--kdf", "interactive"], environment: environment)
        try initSession.waitFor("New passphrase:")
        try initSession.type(passphrase)
        try initSession.waitFor("Repeat new passphrase:")
        try initSession.type(passphrase)
        #expect(initSession.finish() == 0, "\(initSession.transcript)")
        #expect(!initSession.transcript.contains(passphrase), "the passphrase was echoed")
        #expect(FileMode.of(folder.vaultPath) == 0o600)

        let setSession = try TerminalSession(["set", "contoso.com", "--account", "svc"], environment: environment)
        try setSession.waitFor("Passphrase for")
        try setSession.type(passphrase)
        try setSession.waitFor("New password for contoso.com:")
        try setSession.type(password)
        try setSession.waitFor("Repeat new password for contoso.com:")
        try setSession.type(password)
        #expect(setSession.finish() == 0, "\(setSession.transcript)")
        #expect(!setSession.transcript.contains(passphrase))
        #expect(!setSession.transcript.contains(password))
        #expect(setSession.transcript.contains("version 1"))

        // The same passphrase from a file opens it and gives the password back.
        let passFile = try folder.write("pass", passphrase + "\n", mode: 0o600)
        let got = try CLI.run(["get", "contoso.com"], environment: environment.merging(["CREDVAULT_PASSPHRASE_FILE": passFile]) { $1 })
        #expect(got.status == 0)
        #expect(got.stdout == password + "\n")
    }

    @Test("two different entries at a prompt change nothing")
    func mismatch() throws {
        let folder = try VaultSandbox(initialize: false)
        let session = try TerminalSession(["init", "--kdf", "interactive"], environment: ["CREDVAULT_VAULT": folder.vaultPath])
        try session.waitFor("New passphrase:")
        try session.type("Tty-First-Entry-1")
        try session.waitFor("Repeat new passphrase:")
        try session.type("Tty-Other-Entry-2")
        #expect(session.finish() == 65)
        #expect(session.transcript.contains("do not match"))
        #expect(!FileManager.default.fileExists(atPath: folder.vaultPath))

        let vault = try VaultSandbox()
        let before = try vault.dump()
        let set = try TerminalSession(["set", "contoso.com", "--account", "svc"], environment: vault.environment)
        try set.waitFor("New password for contoso.com:")
        try set.type("Tty-First-Pw-1")
        try set.waitFor("Repeat new password")
        try set.type("Tty-Other-Pw-2")
        #expect(set.finish() == 65)
        #expect(try vault.dump() == before)
    }

    @Test("Ctrl-C at a prompt puts echo back and creates nothing")
    func interruptRestoresEcho() throws {
        let folder = try VaultSandbox(initialize: false)
        // The shell ignores SIGINT so it lives on to report credvault's status and the terminal's state.
        let script = try folder.write("interrupt.sh", """
            trap '' INT
            '\(CLI.binary.path)' init --kdf interactive
            echo "status=$?"
            stty -a | tr ' ;' '\\n\\n' | grep -x -- '-*echo'
            echo done
            """, mode: 0o700)
        let session = try TerminalSession(commandLine: "/bin/sh '\(script)'", environment: ["CREDVAULT_VAULT": folder.vaultPath])
        try session.waitFor("New passphrase:")
        try session.typeRaw("\u{3}")
        try session.waitFor("done")
        _ = session.finish()
        let lines = session.transcript.components(separatedBy: .newlines).map { $0.trimmingCharacters(in: .whitespaces) }
        #expect(lines.contains("status=130"), "\(session.transcript)")
        #expect(lines.contains("echo"), "echo is still off: \(session.transcript)")
        #expect(!lines.contains("-echo"))
        #expect(!FileManager.default.fileExists(atPath: folder.vaultPath))
    }

    // Run from a timer or a pipeline, a prompt must fail at once and say how to give the secret
    // without one. `setsid --wait` starts the child in a new session, so it has no controlling
    // terminal even when the tests run in one (--wait: setsid forks when started as a group leader).
    @Test("without a terminal every prompt refuses at once, naming the options that avoid it")
    func noTerminal() throws {
        let vault = try VaultSandbox()
        let passphraseVault = vault.folder.appendingPathComponent("other.db").path
        let cases: [(arguments: [String], environment: [String: String], names: [String])] = [
            (["set", "contoso.com", "--account", "svc"], vault.environment, ["--stdin", "--generate"]),
            (["get", "contoso.com"], ["CREDVAULT_VAULT": vault.vaultPath], ["--keyfile", "--passphrase-file"]),
            (["init"], ["CREDVAULT_VAULT": passphraseVault], ["--passphrase-file", "--keyfile-out"]),
            (["passphrase", "change"], vault.environment, ["--new-passphrase-file"]),
        ]
        for (arguments, environment, names) in cases {
            let result = try ProcessRunner.run(
                "/usr/bin/setsid", ["--wait", CLI.binary.path] + arguments, stdin: Data("Not-Read-Pw1\n".utf8), environment: environment)
            #expect(result.status == 64, "\(arguments): \(result)")
            #expect(result.stderrLines.count == 1, "\(arguments): \(result.stderr)")
            #expect(result.stderr.hasPrefix("credvault: error: no terminal to ask for the "), "\(result.stderr)")
            for name in names { #expect(result.stderr.contains(name), "\(arguments) does not name \(name): \(result.stderr)") }
        }
        #expect(!FileManager.default.fileExists(atPath: passphraseVault))
    }
}

import Foundation
import Testing
import TestSupport

/// Issue 13: a vault that opens with a keyfile only does not ask for a passphrase.
@Suite("A keyfile-only vault asks for its keyfile")
struct KeyfileOnlyPromptTests {
    @Test("on a terminal, without --keyfile, a keyfile-only vault says it needs one instead of prompting")
    func keyfileOnly() throws {
        let vault = try VaultSandbox()
        let session = try TerminalSession(["list"], environment: ["CREDVAULT_VAULT": vault.vaultPath])
        try session.waitFor("opens with a keyfile only", seconds: 20)
        let status = session.finish()
        #expect(status == 64, "\(session.transcript)")
        #expect(session.transcript.contains("opens with a keyfile only"), "\(session.transcript)")
        #expect(!session.transcript.contains("Passphrase for"), "\(session.transcript)")
    }

    @Test("a vault with a passphrase slot still asks for it (no terminal here: says which options give it)")
    func passphraseVault() throws {
        let vault = try VaultSandbox(initialize: false)
        let passphrase = try vault.write("pass", "correct horse battery staple\n")
        let created = try CLI.run(["init", "--passphrase-file", passphrase, "--kdf", "interactive"],
                                  environment: ["CREDVAULT_VAULT": vault.vaultPath])
        #expect(created.status == 0, "\(created)")
        let result = try CLI.run(["list"], environment: ["CREDVAULT_VAULT": vault.vaultPath])
        #expect(result.status == 64)
        #expect(result.stderr.contains("no terminal"), "\(result.stderr)")
    }
}

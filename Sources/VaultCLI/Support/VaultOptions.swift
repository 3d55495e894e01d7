import ArgumentParser
import CredVault
#if canImport(Glibc)
import Glibc
#endif

/// The options every command takes: where the vault is and how to unlock it.
/// Secrets are never taken from argv: only paths to files that hold them, or a prompt.
struct VaultOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "The vault file (env CREDVAULT_VAULT; default $XDG_DATA_HOME/credvault/vault.db).", valueName: "path"),
        completion: .file())
    var vault: String?

    @Option(name: .long, help: ArgumentHelp(
        "A keyfile that unlocks the vault (env CREDVAULT_KEYFILE); must be mode 0600.", valueName: "path"),
        completion: .file())
    var keyfile: String?

    @Option(name: .long, help: ArgumentHelp(
        "A file whose first line is the passphrase (env CREDVAULT_PASSPHRASE_FILE); must be mode 0600.", valueName: "path"),
        completion: .file())
    var passphraseFile: String?

    private static func environment(_ name: String) -> String? {
        guard let value = getenv(name) else { return nil }
        let text = String(cString: value)
        return text.isEmpty ? nil : text
    }

    var vaultPath: String {
        if let vault { return vault }
        if let fromEnvironment = Self.environment("CREDVAULT_VAULT") { return fromEnvironment }
        let dataHome = Self.environment("XDG_DATA_HOME") ?? ((Self.environment("HOME") ?? ".") + "/.local/share")
        return dataHome + "/credvault/vault.db"
    }

    var keyfilePath: String? { keyfile ?? Self.environment("CREDVAULT_KEYFILE") }
    var passphraseFilePath: String? { passphraseFile ?? Self.environment("CREDVAULT_PASSPHRASE_FILE") }

    /// The credential to unlock with: keyfile first (no KDF cost), then passphrase file, then a prompt.
    func credential() throws -> UnlockCredential {
        if let keyfilePath { return try .keyfile(at: keyfilePath) }
        if let passphraseFilePath { return try .passphraseFile(at: passphraseFilePath) }
        // A keyfile-only vault: a passphrase prompt on a terminal could never open it.
        // (Without a terminal, the prompt's own refusal already names --keyfile.)
        if Terminal.hasTerminal, access(vaultPath, F_OK) == 0, let kinds = try? Vault.slotKinds(at: vaultPath), !kinds.contains(.passphrase) {
            throw CLIFailure.noPassphraseSlot(vault: vaultPath)
        }
        return try .passphrase(Terminal.promptSecret(
            "Passphrase for \(vaultPath): ", what: "the passphrase of \(vaultPath)",
            instead: "--keyfile or --passphrase-file (or CREDVAULT_KEYFILE, CREDVAULT_PASSPHRASE_FILE)"))
    }

    /// Opens and unlocks the vault.
    func openVault() throws -> Vault {
        let path = vaultPath
        // A missing vault is reported before asking for a passphrase that could not help.
        if access(path, F_OK) != 0 && errno == ENOENT {
            throw CredVaultError.missing(.vault(path: path))
        }
        let credential = try credential()
        return try Vault.open(at: path, credential: credential)
    }
}

import ArgumentParser
import CredVault

struct PassphraseChangeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "change",
        abstract: "Wrap the master key under a new passphrase (adds a passphrase slot if there is none).",
        discussion: """
            Unlock with the old passphrase or a keyfile. Only the passphrase slot changes:
            no password version is re-encrypted, and the old passphrase stops working at
            once.

            Examples:
              credvault passphrase change
              credvault passphrase change --keyfile key \\
                  --new-passphrase-file new.txt --kdf sensitive
            """
    )

    @OptionGroup var options: VaultOptions

    @Option(name: .long, help: ArgumentHelp(
        "A file (mode 0600) whose first line is the new passphrase; otherwise asked twice.", valueName: "path"),
        completion: .file())
    var newPassphraseFile: String?

    @Option(name: .long, help: "How hard Argon2id stretches the new passphrase: interactive, moderate, sensitive, or calibrate.")
    var kdf: KDFPreset = .moderate

    func run() throws {
        let vault = try options.openVault()
        let passphrase: SecureBytes
        if let newPassphraseFile {
            passphrase = try SecretFile.readPassphrase(newPassphraseFile)
        } else {
            passphrase = try Terminal.promptNewSecret("New passphrase", instead: "--new-passphrase-file")
        }
        let change = try vault.changePassphrase(to: passphrase, kdf: try KDFParameters.forPreset(kdf))
        if change.replaced.isEmpty {
            Terminal.write("Added passphrase slot \(change.slot.id).\n")
        } else {
            Terminal.write("Passphrase changed (slot \(change.slot.id) replaces \(change.replaced.joined(separator: ", "))).\n")
        }
    }
}

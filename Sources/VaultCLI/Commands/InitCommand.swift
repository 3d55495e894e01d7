import ArgumentParser
import CredVault
#if canImport(Glibc)
import Glibc
#endif

extension KDFPreset: ExpressibleByArgument {}

struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Create a new, empty vault.",
        discussion: """
            The vault is unlocked by a passphrase, a keyfile, or both (each is a key
            slot).

            Examples:
              credvault init                    # asks for a passphrase twice
              credvault init --keyfile-out ~/.config/credvault/key
              credvault init --passphrase-file pass.txt --keyfile-out key --kdf sensitive
            """
    )

    @OptionGroup var options: VaultOptions

    @Option(name: .long, help: ArgumentHelp("Write a new keyfile (mode 0600) that unlocks the vault.", valueName: "path"),
            completion: .file())
    var keyfileOut: String?

    @Option(name: .long, help: "How hard Argon2id stretches the passphrase: interactive, moderate, sensitive, or calibrate (about 1 s here).")
    var kdf: KDFPreset = .moderate

    func run() throws {
        let path = options.vaultPath
        try ensureParentDirectory(of: path)
        let passphrase: SecureBytes?
        if let file = options.passphraseFilePath {
            passphrase = try SecretFile.readPassphrase(file)
        } else if keyfileOut == nil {
            passphrase = try Terminal.promptNewSecret("New passphrase", instead: "--passphrase-file or --keyfile-out")
        } else {
            passphrase = nil
        }
        let parameters = try KDFParameters.forPreset(kdf)
        _ = try Vault.create(at: path, passphrase: passphrase, keyfileOut: keyfileOut, kdf: parameters)
        var message = "Created vault \(path)"
        if let keyfileOut { message += "; keyfile written to \(keyfileOut) (mode 0600)" }
        Terminal.write(message + ".\n")
    }

    /// The default vault lives under $XDG_DATA_HOME/credvault, which may not exist yet.
    private func ensureParentDirectory(of path: String) throws(CredVaultError) {
        guard let slash = path.lastIndex(of: "/") else { return }
        let parent = String(path[..<slash])
        guard !parent.isEmpty else { return }
        var info = stat()
        if stat(parent, &info) == 0 { return }
        var built = parent.hasPrefix("/") ? "" : "."
        for component in parent.split(separator: "/") {
            built += "/" + component
            if mkdir(built, 0o700) != 0 && errno != EEXIST {
                throw .cannotCreate("cannot create folder \(built): \(String(cString: strerror(errno)))")
            }
        }
    }
}

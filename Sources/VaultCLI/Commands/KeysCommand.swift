import ArgumentParser
import CredVault

struct KeysCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keys",
        abstract: "List the key slots that unlock the vault."
    )

    @OptionGroup var options: VaultOptions

    func run() throws {
        throw CredVaultError.usage("`credvault keys` is not available in this build yet")
    }
}

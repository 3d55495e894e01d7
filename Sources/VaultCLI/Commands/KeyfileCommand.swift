import ArgumentParser
import CredVault

struct KeyfileCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keyfile",
        abstract: "Add or remove a keyfile slot."
    )

    @OptionGroup var options: VaultOptions

    func run() throws {
        throw CredVaultError.usage("`credvault keyfile` is not available in this build yet")
    }
}

import ArgumentParser
import CredVault

struct ConnectorCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "connector",
        abstract: "Manage connectors: where a forest's password is pushed, and how its service restarts."
    )

    @OptionGroup var options: VaultOptions

    func run() throws {
        throw CredVaultError.usage("`credvault connector` is not available in this build yet")
    }
}

import ArgumentParser
import CredVault

struct PushCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "push",
        abstract: "Push the current password to connectors, restart their services and check their health."
    )

    @OptionGroup var options: VaultOptions

    func run() throws {
        throw CredVaultError.usage("`credvault push` is not available in this build yet")
    }
}

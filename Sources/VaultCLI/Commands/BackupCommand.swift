import ArgumentParser
import CredVault

struct BackupCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup",
        abstract: "Write a consistent copy of the vault to a new file."
    )

    @OptionGroup var options: VaultOptions

    func run() throws {
        throw CredVaultError.usage("`credvault backup` is not available in this build yet")
    }
}

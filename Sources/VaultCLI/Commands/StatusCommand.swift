import ArgumentParser
import CredVault

struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show each forest's current version and what each connector holds."
    )

    @OptionGroup var options: VaultOptions

    func run() throws {
        throw CredVaultError.usage("`credvault status` is not available in this build yet")
    }
}

import ArgumentParser
import CredVault

struct RekeyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rekey",
        abstract: "Make a new master key and re-encrypt every version with it."
    )

    @OptionGroup var options: VaultOptions

    func run() throws {
        throw CredVaultError.usage("`credvault rekey` is not available in this build yet")
    }
}

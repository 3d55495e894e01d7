import ArgumentParser
import CredVault

struct DoctorCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "doctor",
        abstract: "Explain what is wrong with a forest's connectors and the command that fixes it."
    )

    @OptionGroup var options: VaultOptions

    func run() throws {
        throw CredVaultError.usage("`credvault doctor` is not available in this build yet")
    }
}

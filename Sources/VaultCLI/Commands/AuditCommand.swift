import ArgumentParser
import CredVault

struct AuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Show, verify and checkpoint the tamper-evident audit trail."
    )

    @OptionGroup var options: VaultOptions

    func run() throws {
        throw CredVaultError.usage("`credvault audit` is not available in this build yet")
    }
}

import ArgumentParser
import CredVault

struct PolicyShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show the maximum password ages: the vault-wide one and each forest's own.",
        discussion: """
            Exit codes: 0 ok, 64 usage, 65 a policy row changed or deleted outside
            credvault, 66 no such vault, 77 cannot unlock the vault.

            Examples:
              credvault policy show
              credvault policy show --json   # {"vault_max_age_seconds": N or null, "forests": [...]}
            """
    )

    @OptionGroup var options: VaultOptions

    @Flag(name: .long, help: "Print {vault_max_age_seconds, forests: [{forest, max_age_seconds}]} as JSON.")
    var json = false

    func run() throws {
        let policy = try options.openVault().maxAgePolicy()
        if json {
            try Output.json(AgePolicyJSON(policy))
            return
        }
        var lines = ["vault-wide: \(policy.vaultWide.map(AgeText.limit) ?? "none")"]
        lines += policy.forests.sorted { $0.key < $1.key }.map { "\($0.key): \(AgeText.limit($0.value))" }
        Terminal.write(lines.joined(separator: "\n") + "\n")
    }
}

import ArgumentParser
import CredVault

struct PolicyClearCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "clear",
        abstract: "Remove a forest's own maximum password age, or the vault-wide one.",
        discussion: """
            A forest whose own maximum is cleared falls back to the vault-wide one. Audited
            (policy.clear, with the age that was removed).

            Exit codes: 0 ok, 64 usage, 65 a policy row changed outside credvault, 66 no
            such vault, or no maximum set for that scope, 77 cannot unlock the vault.

            Examples:
              credvault policy clear contoso.com
              credvault policy clear            # the vault-wide maximum
            """
    )

    @OptionGroup var options: VaultOptions
    @OptionGroup var scope: PolicyScopeOptions

    func validate() throws {
        try UsageCheck.check { () throws(CredVaultError) in _ = try scope.validated() }
    }

    func run() throws {
        let forest = try scope.validated()
        try options.openVault().clearMaxAge(forest: forest)
        Terminal.write("Cleared the maximum password age of \(scope.name(forest)).\n")
    }
}

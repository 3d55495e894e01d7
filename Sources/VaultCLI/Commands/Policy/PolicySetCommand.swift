import ArgumentParser
import CredVault

struct PolicySetCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "set",
        abstract: "Set the maximum password age of a forest, or the vault-wide one.",
        discussion: """
            Replaces the scope's previous maximum, if any (the event records both). A
            forest's own maximum wins over the vault-wide one. Audited (policy.set).

            Exit codes: 0 ok, 64 usage or an age that is not one (0, no unit, garbage),
            65 a policy row changed outside credvault, 66 no such vault or forest, 77
            cannot unlock the vault.

            Examples:
              credvault policy set --max-age 90d             # every forest
              credvault policy set contoso.com --max-age 2w  # this one: 14 days
              credvault policy set lab.example --max-age 12h
            """
    )

    @OptionGroup var options: VaultOptions
    @OptionGroup var scope: PolicyScopeOptions

    @Option(name: .long, help: ArgumentHelp("The maximum age: a number and s, h, d or w (90d, 12h, 2w).", valueName: "age"))
    var maxAge: String

    func validate() throws {
        try UsageCheck.check { () throws(CredVaultError) in
            _ = try Validation.maxAge(maxAge)
            _ = try scope.validated()
        }
    }

    func run() throws {
        let seconds = try Validation.maxAge(maxAge)
        let forest = try scope.validated()
        try options.openVault().setMaxAge(seconds: seconds, forest: forest)
        Terminal.write("Maximum password age of \(scope.name(forest)): \(AgeText.limit(seconds)).\n")
    }
}

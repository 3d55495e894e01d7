import ArgumentParser
import CredVault

struct PolicyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "policy",
        abstract: "Set how old a forest's password may get before status, doctor --all and check say so.",
        discussion: """
            A maximum password age applies vault-wide (no forest given) or to one forest,
            whose own wins over the vault-wide one. A forest whose current version is older
            than its maximum is overdue: `list` and `status` show it, and `status`,
            `push --all`, `doctor --all` and `check` exit 7 when nothing worse (a connector
            problem) applies. Ages are a whole number and a unit: s, h, d or w. Every change
            is audited (policy.set, policy.clear) in the same transaction.

            Exit codes: 0 ok, 64 usage or an age that is not one, 65 a policy row changed
            outside credvault, 66 no such vault, forest or policy, 77 cannot unlock the vault.

            Examples:
              credvault policy set --max-age 90d
              credvault policy set contoso.com --max-age 30d
              credvault policy show --json
              credvault policy clear contoso.com
            """,
        subcommands: [PolicySetCommand.self, PolicyShowCommand.self, PolicyClearCommand.self]
    )
}

import ArgumentParser
import CredVault

/// The forest a `policy` subcommand works on; none means the vault-wide maximum.
struct PolicyScopeOptions: ParsableArguments {
    @Argument(help: "The AD forest (a DNS name such as contoso.com); leave out for the vault-wide maximum.")
    var forest: String?

    /// The forest checked, or nil for vault-wide: a bad name is a usage error (64).
    func validated() throws(CredVaultError) -> String? {
        try forest.map { (name) throws(CredVaultError) in try Validation.forest(name) }
    }

    /// How a message names the scope.
    func name(_ forest: String?) -> String {
        forest ?? "every forest without one of its own"
    }
}

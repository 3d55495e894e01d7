import ArgumentParser
import CredVault

/// What `connector pause` and `connector resume` act on: one connector by name, or every
/// connector of a forest (`--forest`).
struct QuiesceTargetOptions: ParsableArguments {
    @Argument(help: "The connector whose service to pause or resume.")
    var name: String?

    @Option(name: .long, help: ArgumentHelp("Every connector of this forest instead (each with the hook).", valueName: "forest"))
    var forest: String?

    func validate() throws {
        if (name == nil) == (forest == nil) { throw ValidationError("Please give a connector name or --forest, not both.") }
    }

    /// The connector named, refused when its row fails its MAC check (its hooks may have been redirected).
    func connector(in vault: Vault) throws(CredVaultError) -> ConnectorConfig {
        let entry = try vault.connector(named: name ?? "")
        guard entry.macValid else { throw .connectorTampered(connector: entry.config.name) }
        return entry.config
    }
}

import ArgumentParser
import CredVault

struct ConnectorListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List the connectors and their targets.",
        discussion: """
            A connector whose row fails its MAC check is shown as TAMPERED.

            Examples:
              credvault connector list
              credvault connector list --json
            """
    )

    @OptionGroup var options: VaultOptions

    @Flag(name: .long, help: "Print a JSON array of connectors.")
    var json = false

    func run() throws {
        let entries = try options.openVault().connectors()
        if json {
            try Output.json(entries.map(ConnectorJSON.init))
        } else {
            Output.table(["NAME", "FOREST", "TARGET", "RESTART", "HEALTH", "TIMEOUT", "ROW"], entries.map {
                [$0.config.name, $0.config.forest, $0.config.targetDescription,
                 $0.config.restartArgv.map(CommandLineSplitter.display) ?? "-",
                 $0.config.healthArgv.map(CommandLineSplitter.display) ?? "-",
                 "\($0.config.timeoutSeconds)s", $0.macValid ? "ok" : "TAMPERED"]
            })
        }
    }
}

import ArgumentParser
import CredVault

struct ConnectorListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List the connectors and their targets.",
        discussion: """
            A connector whose row fails its MAC check is shown as TAMPERED. PAUSE is
            "yes" for a connector with pause and resume hooks, and "PAUSED since T" while
            credvault holds its service paused.

            Examples:
              credvault connector list
              credvault connector list --json
            """
    )

    @OptionGroup var options: VaultOptions

    @Flag(name: .long, help: "Print a JSON array of connectors.")
    var json = false

    func run() throws {
        let vault = try options.openVault()
        let entries = try vault.connectors()
        let pauses = Dictionary(try vault.pauses().map { ($0.connector, $0) }, uniquingKeysWith: { first, _ in first })
        if json {
            try Output.json(entries.map { ConnectorJSON($0, pause: pauses[$0.config.name]) })
        } else {
            Output.table(["NAME", "FOREST", "ROLE", "TARGET", "RESTART", "HEALTH", "PAUSE", "TIMEOUT", "ROW"], entries.map {
                [$0.config.name, $0.config.forest, $0.config.role ?? "-", $0.config.targetDescription,
                 $0.config.restartArgv.map(CommandLineSplitter.display) ?? "-",
                 $0.config.healthArgv.map(CommandLineSplitter.display) ?? "-",
                 pauses[$0.config.name].map { "PAUSED since \($0.since)" } ?? ($0.config.canPause ? "yes" : "-"),
                 "\($0.config.timeoutSeconds)s", $0.macValid ? "ok" : "TAMPERED"]
            })
        }
    }
}

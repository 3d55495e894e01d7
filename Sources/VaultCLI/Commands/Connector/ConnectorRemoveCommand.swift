import ArgumentParser
import CredVault

struct ConnectorRemoveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "remove",
        abstract: "Remove a connector (its push history stays).",
        discussion: """
            The target file and the service are left as they are.

            Example:
              credvault connector remove adsync
            """
    )

    @OptionGroup var options: VaultOptions

    @Argument(help: "The connector's name.")
    var name: String

    func run() throws {
        try options.openVault().removeConnector(named: name)
        Terminal.write("Removed connector \(name).\n")
    }
}

import ArgumentParser
import CredVault

struct KeyfileCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keyfile",
        abstract: "Add or remove a keyfile slot.",
        discussion: """
            Examples:
              credvault keyfile add --out /etc/credvault/timer.key  # mode 0600
              credvault keys                                # find a slot's id
              credvault keyfile remove 3f9c2a1b0d4e5f60
            """,
        subcommands: [KeyfileAddCommand.self, KeyfileRemoveCommand.self]
    )
}

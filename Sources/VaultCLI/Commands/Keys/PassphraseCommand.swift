import ArgumentParser
import CredVault

struct PassphraseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "passphrase",
        abstract: "Change the passphrase of the vault.",
        discussion: """
            Example:
              credvault passphrase change     # asks for the new one twice
            """,
        subcommands: [PassphraseChangeCommand.self]
    )
}

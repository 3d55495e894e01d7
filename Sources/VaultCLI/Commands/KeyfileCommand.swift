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

struct KeyfileAddCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add",
        abstract: "Write a new random keyfile (mode 0600) and add a slot it unlocks.",
        discussion: """
            The file is never written over an existing one. Unlock with an existing slot.

            Example:
              credvault keyfile add --out /etc/credvault/timer.key
            """
    )

    @OptionGroup var options: VaultOptions

    @Option(name: .long, help: ArgumentHelp("Where to write the new keyfile (must not exist).", valueName: "path"),
            completion: .file())
    var out: String

    func run() throws {
        let slot = try options.openVault().addKeyfileSlot(writingTo: out)
        Terminal.write("Added keyfile slot \(slot.id); keyfile written to \(out) (mode 0600).\n")
    }
}

struct KeyfileRemoveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "remove",
        abstract: "Remove a key slot by id; the credential it held no longer unlocks the vault.",
        discussion: """
            The vault's last slot is never removed. `credvault keys` lists the ids.

            Example:
              credvault keyfile remove 3f9c2a1b0d4e5f60
            """
    )

    @OptionGroup var options: VaultOptions

    @Argument(help: "The slot id, as `credvault keys` shows it.")
    var id: String

    func run() throws {
        let slot = try options.openVault().removeKeySlot(id: id)
        Terminal.write("Removed \(slot.kind.rawValue) slot \(slot.id)\(slot.label.map { " (\($0))" } ?? "").\n")
    }
}

import ArgumentParser
import CredVault

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

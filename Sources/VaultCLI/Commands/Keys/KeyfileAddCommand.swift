import ArgumentParser
import CredVault

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

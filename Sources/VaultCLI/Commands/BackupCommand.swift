import ArgumentParser
import CredVault

struct BackupCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup",
        abstract: "Write a consistent copy of the vault to a new file.",
        discussion: """
            The copy (mode 0600, never over an existing file) opens with the same keys and
            holds the history and audit trail up to the `backup` event that records it.

            Example:
              credvault backup /var/backups/credvault-$(date +%F).db
            """
    )

    @OptionGroup var options: VaultOptions

    @Argument(help: ArgumentHelp("The new file to write.", valueName: "path"), completion: .file())
    var path: String

    func run() throws {
        try options.openVault().backup(to: path)
        Terminal.write("Backed up the vault to \(path) (mode 0600).\n")
    }
}

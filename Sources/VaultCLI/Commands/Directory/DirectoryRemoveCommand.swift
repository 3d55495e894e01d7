import ArgumentParser
import CredVault

struct DirectoryRemoveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "remove",
        abstract: "Forget a forest's directory settings (the forest's passwords stay).",
        discussion: """
            Refused (exit 75) while a rotation of the forest is pending: its recovery needs
            the settings. Audited (directory.remove).

            Examples:
              credvault directory remove contoso.com
            """
    )

    @OptionGroup var options: VaultOptions
    @OptionGroup var target: DirectoryForestOptions

    func run() throws {
        let forest = try Validation.forest(target.forest)
        try options.openVault().removeDirectory(forest: forest)
        Terminal.write("Removed the directory settings of \(forest).\n")
    }
}

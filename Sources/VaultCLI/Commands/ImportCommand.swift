import ArgumentParser
import CredVault

extension ImportFormat: ExpressibleByArgument {}

struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import passwords from standard input, all in one transaction.",
        discussion: """
            Each record becomes a new version of its forest. One bad record and nothing is
            imported. Records: {"forest", "account", "password"}. A CSV file starts with a
            header row naming its columns (forest, account, password, in any order); without
            one, the columns are taken as forest,account,password and every forest must
            already be in the vault (so swapped columns cannot store a password as a forest
            name) unless --new-forests is given.

            Examples:
              credvault import < passwords.jsonl
              credvault import --format csv < passwords.csv      # header: forest,account,password
            """
    )

    @OptionGroup var options: VaultOptions

    @Option(name: .long, help: "The input format: jsonl or csv.")
    var format: ImportFormat = .jsonl

    @Flag(name: .long, help: "Let a CSV without a header row create forests the vault does not have yet.")
    var newForests = false

    func run() throws {
        let vault = try options.openVault()
        let input = try Terminal.readAllStandardInput()
        let batch = try ImportParser.parse(input, format: format)
        let showProgress = Terminal.stderrIsTerminal
        let count = try vault.importRecords(batch, allowNewForests: newForests) { done, total in
            if showProgress && (done % 500 == 0 || done == total) {
                Terminal.progress("importing \(done)/\(total)")
            }
        }
        if showProgress { Terminal.progress(nil) }
        Terminal.write("Imported \(count) password version\(count == 1 ? "" : "s").\n")
    }
}

import ArgumentParser
import CredVault
#if canImport(Glibc)
import Glibc
#endif

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
        // Streamed: each record is parsed, sealed and inserted before the next is read.
        let reader = try ImportReader(format: format) { (room) throws(CredVaultError) -> Int in
            guard let count = POSIXIO.read(STDIN_FILENO, into: room) else {
                throw .io("cannot read standard input: \(String(cString: strerror(errno)))")
            }
            return count
        }
        let showProgress = Terminal.stderrIsTerminal
        let count = try vault.importRecords(from: reader, allowNewForests: newForests) { done in
            if showProgress && done % 500 == 0 { Terminal.progress("importing \(done)") }
        }
        if showProgress { Terminal.progress(nil) }
        Terminal.write("Imported \(count) password version\(count == 1 ? "" : "s").\n")
    }
}

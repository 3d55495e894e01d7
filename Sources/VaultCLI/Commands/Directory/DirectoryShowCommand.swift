import ArgumentParser
import CredVault

struct DirectoryShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show a forest's directory settings.",
        discussion: """
            Exits 65 when the row fails its MAC check (it was edited in the database).

            Examples:
              credvault directory show contoso.com
              credvault directory show contoso.com --json
            """
    )

    @OptionGroup var options: VaultOptions
    @OptionGroup var target: DirectoryForestOptions
    @OptionGroup var output: JSONFlag

    func run() throws {
        let entry = try options.openVault().directory(forest: target.forest)
        let config = entry.config
        if output.json {
            try Output.json(DirectoryJSON(entry))
        } else {
            var lines = ["forest:    \(config.forest)", "kind:      \(config.kind.rawValue)"]
            lines += config.urls.enumerated().map { "url:       \($1)\($0 == 0 ? "   (changed here)" : "")" }
            lines.append("ca file:   \(config.caFile)")
            lines.append("account:   \(config.account)")
            lines.append("mode:      \(config.resetWith.map { "reset, as the account of \($0)" } ?? "self")")
            lines.append("set:       \(config.createdAt)")
            lines.append("row MAC:   \(entry.macValid ? "ok" : "TAMPERED")")
            Terminal.write(lines.map(FreeText.escaped).joined(separator: "\n") + "\n")
        }
        if !entry.macValid { throw CredVaultError.rotation(.directoryTampered(forest: config.forest)) }
    }
}

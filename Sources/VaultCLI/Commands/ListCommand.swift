import ArgumentParser
import CredVault

struct ListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List the forests in the vault with their accounts and current versions.",
        discussion: """
            AGE is the current version's age; MAX AGE the maximum that applies to the
            forest (`credvault policy`), and a forest past it shows "OVERDUE by N".

            Examples:
              credvault list
              credvault list --json | jq -r '.[].forest'
            """
    )

    @OptionGroup var options: VaultOptions

    @Flag(name: .long, help: "Print a JSON array of {forest, account, current_version, updated_at, age_seconds, max_age_seconds, overdue}.")
    var json = false

    func run() throws {
        let vault = try options.openVault()
        if json {
            // Streamed, as one JSON array: the same bytes Output.json wrote for the whole list.
            var output = OutputBuffer()
            output.append("[")
            var first = true
            try vault.forEachForest { summary in
                if !first { output.append(",") }
                first = false
                output.append(ForestJSON(summary).json)
            }
            output.append("]\n")
            output.flush()
            return
        }
        let forests = try vault.list()
        if forests.isEmpty {
            Terminal.write("The vault holds no forests yet; add one with `credvault set FOREST --account ACCOUNT`.\n")
        } else {
            Output.table(["FOREST", "ACCOUNT", "VERSION", "UPDATED", "AGE", "MAX AGE"], forests.map {
                [$0.forest, $0.account, String($0.currentVersion), $0.updatedAt, AgeColumns.age($0.age), AgeColumns.limit($0.age)]
            })
        }
    }
}

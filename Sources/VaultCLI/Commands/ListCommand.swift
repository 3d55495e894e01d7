import ArgumentParser
import CredVault
#if canImport(Glibc)
import Glibc
#endif

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
            // Streamed, as one JSON array: the same bytes Output.json wrote for the whole list,
            // written in pieces of about 64 KiB.
            var output = JSONBytes(capacity: 80 << 10)
            output.append(UInt8(ascii: "["))
            var first = true
            try vault.forEachForest { summary in
                if !first { output.append(UInt8(ascii: ",")) }
                first = false
                ForestJSON(summary).append(to: &output)
                if output.count >= 64 << 10 { ListCommand.write(&output) }
            }
            output.append("]\n")
            ListCommand.write(&output)
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

    private static func write(_ output: inout JSONBytes) {
        output.withUnsafeBytes { _ = POSIXIO.writeAll($0, to: STDOUT_FILENO) }
        output.removeAll()
    }
}

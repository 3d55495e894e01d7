import ArgumentParser
import CredVault

struct HistoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history",
        abstract: "Show every version of a forest's password: when, who, why, its fingerprint, and where it was pushed.",
        discussion: """
            Nothing is decrypted: fingerprints identify versions without revealing them.

            Examples:
              credvault history contoso.com
              credvault history contoso.com --json
            """
    )

    @OptionGroup var options: VaultOptions

    @Argument(help: "The AD forest.")
    var forest: String

    @Flag(name: .long, help: "Print a JSON array of {version, created_at, actor, source, fingerprint, reason, pushes, ...}.")
    var json = false

    func run() throws {
        let forestName = try Validation.forest(forest)
        let vault = try options.openVault()
        let versions = try vault.history(forest: forestName)
        let pushesByVersion = Dictionary(grouping: try vault.pushes(forest: forestName), by: \.version)
        if json {
            try Output.json(versions.map { VersionJSON($0, pushes: pushesByVersion[$0.version] ?? []) })
        } else {
            Output.table(["VERSION", "CREATED", "ACTOR", "SOURCE", "FINGERPRINT", "REASON", "PUSHED"], versions.map {
                let source = $0.rolledBackFrom.map { "rollback to v\($0)" } ?? $0.source.rawValue
                let pushed = (pushesByVersion[$0.version] ?? []).map { "\($0.connector) \($0.state.rawValue) \($0.updatedAt)" }
                return [String($0.version), $0.createdAt, $0.actor, source, $0.fingerprint.short, $0.reason ?? "",
                        pushed.joined(separator: "; ")]
            })
        }
    }
}

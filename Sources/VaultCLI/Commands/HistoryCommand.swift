import ArgumentParser
import CredVault

struct HistoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history",
        abstract: "Show every version of a forest's password: when, who, why, and its fingerprint.",
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

    @Flag(name: .long, help: "Print a JSON array of {version, created_at, actor, source, fingerprint, ...}.")
    var json = false

    func run() throws {
        let forestName = try Validation.forest(forest)
        let versions = try options.openVault().history(forest: forestName)
        if json {
            try Output.json(versions.map(VersionJSON.init))
        } else {
            Output.table(["VERSION", "CREATED", "ACTOR", "SOURCE", "FINGERPRINT", "REASON"], versions.map {
                let source = $0.rolledBackFrom.map { "rollback to v\($0)" } ?? $0.source.rawValue
                return [String($0.version), $0.createdAt, $0.actor, source, $0.fingerprint.short, $0.reason ?? ""]
            })
        }
    }
}

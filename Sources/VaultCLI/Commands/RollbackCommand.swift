import ArgumentParser
import CredVault

struct RollbackCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rollback",
        abstract: "Make an earlier version's password current again, as a new version.",
        discussion: """
            History is never rewritten: rolling back to v2 from v5 stores v6 with v2's
            password. Push it afterwards with `credvault push FOREST`.

            Example:
              credvault rollback contoso.com --to 2 --reason "v5 broke the connector"
            """
    )

    @OptionGroup var options: VaultOptions

    @Argument(help: "The AD forest.")
    var forest: String

    @Option(name: .long, help: ArgumentHelp("The version whose password becomes current.", valueName: "N"))
    var to: Int

    @Option(name: .long, help: "Why (kept in history and audit).")
    var reason: String?

    func validate() throws {
        try UsageCheck.check { () throws(CredVaultError) in _ = try Validation.version(to) }
    }

    func run() throws {
        let forestName = try Validation.forest(forest)
        _ = try Validation.version(to)
        let vault = try options.openVault()
        let info = try vault.rollback(forest: forestName, to: to, reason: reason)
        Terminal.write("Stored \(info.forest) version \(info.version) with the password of version \(to) (fingerprint \(info.fingerprint.short)).\n")
        RotationNotice.print(forest: info.forest, account: info.account, vault: vault)
    }
}

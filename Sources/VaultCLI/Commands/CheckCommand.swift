import ArgumentParser
import CredVault

struct CheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Run the connectors' health checks now, without writing or restarting anything.",
        discussion: """
            For a monitoring check: each connector's health check runs once (no retries,
            within the connector's timeout) with the environment a push gives it, and its
            target is read as `status` reads it. Nothing is written, restarted or recorded.
            A connector whose row fails its MAC check is not run. A forest whose password
            is older than its maximum age (`credvault policy`) is named on stderr.

            Exit codes: 0 every connector healthy and in order, 3 a restart failed, 4 a
            health check fails now, 5 a restart is pending, 6 a target drifted (stale,
            unknown, missing or unreadable), 7 a password is older than its maximum age
            (and no connector problem above), 64 usage, 65 a tampered connector row, 66 no
            such vault, forest or connector, 77 cannot unlock the vault.

            Examples:
              credvault check --all
              credvault check contoso.com --connector adsync --json
            """
    )

    @OptionGroup var options: VaultOptions

    @Argument(help: "The AD forest whose connectors to check.")
    var forest: String?

    @Flag(name: .long, help: "Check every connector of every forest.")
    var all = false

    @Option(name: .long, help: ArgumentHelp("Only this connector.", valueName: "name"))
    var connector: String?

    @Flag(name: .long, help: "Print a JSON array with one result per connector.")
    var json = false

    func validate() throws {
        if all && forest != nil { throw ValidationError("Please give a forest or --all, not both.") }
        if !all && forest == nil { throw ValidationError("Please give a forest, or --all.") }
    }

    func run() async throws {
        let vault = try options.openVault()
        let results = try await HealthChecker(vault: vault).check(forest: forest, only: connector)
        let checked = try forest.map { (name) throws(CredVaultError) in try Validation.forest(name) }
        let overdue = try vault.list().filter { checked == nil || $0.forest == checked }.filter(\.age.overdue)
        if json {
            try Output.json(results.map(CheckResultJSON.init))
        } else {
            if results.isEmpty { Terminal.write("No connectors.\n") }
            Terminal.write(results.map { CheckText.line(for: $0) + "\n" }.joined())
        }
        AgeColumns.noteOverdue(overdue)
        let code = ErrorPresenter.exitCode(for: results.compactMap(\.problem), overdue: !overdue.isEmpty)
        if code != ExitCodes.ok { throw CLIFailure.stateReported(code: code) }
    }
}

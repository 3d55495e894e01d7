import ArgumentParser
import CredVault

struct PushCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "push",
        abstract: "Push the current password to connectors, restart their services and check their health.",
        discussion: """
            For each connector: write the current version into its target (atomically),
            run its restart hook so the service drops the old password from memory, then
            run its health check, retried with backoff until the connector's timeout. Each
            step is recorded in the push history and the audit trail. A target that
            already holds the current version but whose restart is pending gets only the
            restart. --all reconciles every connector and leaves alone those already
            current and restarted: safe to run from a timer.

            A connector with --pause and --resume hooks is paused first (unless it is
            paused already) and resumed once its restart succeeded, so no sync run starts
            while the password changes hands. When its restart fails it stays paused, and
            the push says so.

            Exit codes: 0 healthy (or nothing to do), 3 written but the restart failed or
            timed out, or a service left paused, 4 restarted but the health check failed
            (with --all also a connector left alone because its last health check failed),
            5 with --all a restart left pending (--no-restart), 7 with --all a password
            older than its maximum age (`credvault policy`; named on stderr) when nothing
            above applies, 64 usage, 65 a tampered
            connector or an account mismatch, 66 no such vault, forest or connector, or a
            missing target file, 74 an I/O error or a failing exec adapter, 75 another push
            is running or a pause hook failed (nothing written), 77 cannot unlock the vault.

            Examples:
              credvault push contoso.com
              credvault push contoso.com --connector adsync --dry-run
              credvault push contoso.com --no-restart   # restart later
              credvault push contoso.com --rollback-on-failure
              credvault push --all --json          # from a systemd timer
            """
    )

    @OptionGroup var options: VaultOptions

    @Argument(help: "The AD forest whose current password to push.")
    var forest: String?

    @Flag(name: .long, help: "Reconcile every connector of every forest.")
    var all = false

    @Option(name: .long, help: ArgumentHelp("Only this connector.", valueName: "name"))
    var connector: String?

    @Flag(name: .long, help: "Write the password but leave the restart pending.")
    var noRestart = false

    @Flag(name: .long, help: "Say what would happen; change nothing.")
    var dryRun = false

    @Flag(name: .long, help: "Write even when the target file names a different account.")
    var force = false

    @Flag(name: .long, help: "When the health check fails, push the previous version back.")
    var rollbackOnFailure = false

    @Flag(name: .long, help: "Print a JSON array with one result per connector.")
    var json = false

    func validate() throws {
        if all && forest != nil { throw ValidationError("Please give a forest or --all, not both.") }
        if !all && forest == nil { throw ValidationError("Please give a forest, or --all.") }
        if noRestart && rollbackOnFailure { throw ValidationError("Please use --rollback-on-failure without --no-restart.") }
    }

    func run() async throws {
        let vault = try options.openVault()
        let pushOptions = PushOptions(
            connector: connector, noRestart: noRestart, dryRun: dryRun, force: force, rollbackOnFailure: rollbackOnFailure)
        let reports = try await Pusher(vault: vault).push(forest: forest, all: all, options: pushOptions)
        if json {
            try Output.json(reports.map { PushReportJSON($0, reconcile: all) })
        } else {
            if reports.isEmpty { Terminal.write("No connectors.\n") }
            for report in reports {
                let prefix = dryRun ? "[dry run] " : ""
                if report.error != nil || report.outcome == .restartFailed || report.outcome == .healthFailed || report.leftPaused {
                    Terminal.printError("\(report.connector): \(ErrorPresenter.message(for: report))")
                } else {
                    Terminal.write("\(prefix)\(ErrorPresenter.message(for: report))\n")  // success messages name the connector
                }
            }
        }
        // A timer's run also says when a password is past its maximum age (the push itself never rotates).
        let overdue = all ? try vault.list().filter(\.age.overdue) : []
        AgeColumns.noteOverdue(overdue)
        let code = ErrorPresenter.exitCode(for: reports, reconcile: all, overdue: !overdue.isEmpty)
        if code != ExitCodes.ok { throw CLIFailure.pushReported(code: code) }
    }
}

import ArgumentParser
import CredVault
import Foundation

struct RotateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rotate",
        abstract: "Change a forest's password in its directory, then store and push it, as one recoverable operation.",
        discussion: """
            Preflight (the directory answers, the current password binds, the domain's
            policy is read, every connector is ready) -> a new password meeting the
            policy (or --stdin) is stored encrypted as pending, on disk before anything
            is sent -> changed on the first URL (self: as the account; reset: as the
            --reset-with entry's account) -> the new password binds there and the old
            one is refused -> every other URL accepts it (--replication-timeout) ->
            committed as the next version -> pushed to every connector. Each step is an
            audit event (rotate.pending, .changed, .verified, .replicated, .committed,
            .pushed). `get` returns the committed version until the commit.

            Every connector of the forest must be ready: its health check passes and its
            last push did not fail; name one you mean to leave behind with --skip (the
            skip is audited). Connectors with --pause/--resume hooks are paused before the
            directory changes and resumed by their push once the restart succeeded, so no
            sync run starts with the old password.

            A rotation that stopped (killed, timed out) is finished or undone with
            --resume, decided by what the directory accepts: the pending password binds
            -> commit and push; the current one binds -> abort; neither -> indeterminate,
            both kept. See docs/rotation.md.

            Exit codes: 0 done, 1 indeterminate or unconfirmed (both passwords kept), 3
            pushed but a restart failed, 4 pushed but a health check failed, 64 usage, 65 tampered row, 66 no
            forest or directory, 69 the directory cannot be reached, 75 a rotation is
            pending, connectors not ready, a pause hook failed or replication not done
            (resume later), 76 the
            directory refused (bind, rights, policy, minimum password age), 77 cannot unlock.

            Examples:
              credvault rotate contoso.com --dry-run
              credvault rotate contoso.com --reason CHG-2041
              printf '%s\\n' "$PW" | credvault rotate contoso.com --stdin --no-push
              credvault rotate contoso.com --replication-timeout 300 --json
              credvault rotate contoso.com --skip staging-sync --reason "staging rebuilt"
              credvault rotate --resume contoso.com
            """
    )

    @OptionGroup var options: VaultOptions

    @Argument(help: "The AD forest whose password to rotate.")
    var forest: String

    @Flag(name: .long, help: "Finish or undo a rotation that stopped, as the directory decides.")
    var resume = false

    @Option(name: .long, help: "Why the password is rotated (a ticket number); kept in history and audit.")
    var reason: String?

    @Flag(name: .long, help: "Run the preflight and print the plan; change nothing.")
    var dryRun = false

    @Flag(name: .long, help: "Commit the new version but do not push it to the connectors.")
    var noPush = false

    @Flag(name: .long, help: "Read the new password from the first line of standard input instead of generating one.")
    var stdin = false

    @Option(name: .long, help: ArgumentHelp("Seconds to wait for every other URL to accept the new password.", valueName: "seconds"))
    var replicationTimeout: Double = 120

    @Option(name: .long, help: ArgumentHelp(
        "Leave this connector out on purpose (repeatable): not required ready, not paused, not pushed; audited.",
        valueName: "connector"))
    var skip: [String] = []

    @Option(name: .long, help: ArgumentHelp(
        "How long dependents may stay paused: past it before the change the rotation is abandoned, after it the report warns.",
        valueName: "seconds"))
    var maxPause: Double = 600

    @Flag(name: .long, help: "Print the result as JSON.")
    var json = false

    func validate() throws {
        if resume && (dryRun || stdin || reason != nil || !skip.isEmpty) {
            throw ValidationError("Please use --resume without --dry-run, --stdin, --reason or --skip.")
        }
        if !(1...86_400).contains(replicationTimeout) { throw ValidationError("Please give --replication-timeout between 1 and 86400 seconds.") }
        if !(1...86_400).contains(maxPause) { throw ValidationError("Please give --max-pause between 1 and 86400 seconds.") }
    }

    func run() async throws {
        let vault = try options.openVault()
        var rotationOptions = RotationOptions(reason: reason, dryRun: dryRun, noPush: noPush, replicationTimeout: replicationTimeout)
        rotationOptions.timeouts = DirectoryTimeouts()
        rotationOptions.skip = Set(skip)
        rotationOptions.maxPause = maxPause
        let rotator = Rotator(vault: vault, options: rotationOptions, observe: RotationPause.observer())
        let report: RotationReport
        if resume {
            report = try await rotator.resume(forest: forest)
        } else {
            var given: SecureBytes?
            if stdin { given = try Terminal.readLine(from: 0, limit: Validation.passwordByteRange.upperBound, what: "password") }
            let plan = try await rotator.plan(forest: forest, passwordGiven: given != nil)
            if dryRun {
                try present(RotationReport(forest: plan.forest, plan: plan))
                return
            }
            report = try await rotator.rotate(plan, password: given.take())
        }
        try present(report)
        let code = ErrorPresenter.exitCode(for: report.pushes)
        if code != ExitCodes.ok { throw CLIFailure.pushReported(code: code) }
    }

    private func present(_ report: RotationReport) throws {
        if json {
            try Output.json(RotationJSON(report, dryRun: dryRun))
        } else {
            Terminal.write(RotationSummary.lines(report, dryRun: dryRun).map(FreeText.escaped).joined(separator: "\n") + "\n")
        }
    }
}

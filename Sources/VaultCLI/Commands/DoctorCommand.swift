import ArgumentParser
import CredVault

struct DoctorCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "doctor",
        abstract: "Explain what is wrong with a forest's connectors and the command that fixes it.",
        discussion: """
            Looks for: a connector holding a stale or unknown password; a password written
            but the service not restarted (it still has the old one in memory); a failed
            restart or health check; a missing target file; a connector row edited outside
            credvault. With --log, the service's log is read as text:
            `no-start-credentials` or Event ID 6000 after the last healthy push means the
            directory holds a password the vault does not. Plain logs, Event Viewer CSV
            exports (the Event ID column) and `wevtutil qe /f:text` output are read. Lines
            are dated by their first YYYY-MM-DD hh:mm:ss or M/D/YYYY h:mm[:ss] [AM|PM]
            timestamp (UTC unless a zone is given). A line naming only another forest of
            the vault is that forest's; a later line saying a run completed successfully
            clears the symptoms before it.

            A password older than its maximum age (`credvault policy`) is a finding too
            (password-overdue).

            --all looks at every forest, and its exit code names the worst problem, as
            `status` does, so a timer sees what is broken.

            Exit codes: 0 nothing wrong, 1 problems found (each with its fix; with --all
            only those without a code of their own, such as no connectors), 3 with --all a
            restart failed, 4 with --all a health check failed, 5 with --all a restart is
            pending, 6 with --all a target drifted (stale, unknown, missing, or the log
            shows the directory ahead), 7 with --all a password older than its maximum age
            (when no connector problem above applies), 64 usage, 65 a tampered connector or policy row, 66 no such
            vault, forest or log file, 77 cannot unlock the vault.

            Examples:
              credvault doctor contoso.com
              credvault doctor contoso.com --log /var/log/adsync/service.log
              credvault doctor --all --json   # from a timer or a monitoring check
            """
    )

    @OptionGroup var options: VaultOptions

    @Argument(help: "The AD forest.")
    var forest: String?

    @Flag(name: .long, help: "Look at every forest; the exit code names the worst problem.")
    var all = false

    @Option(name: .long, help: ArgumentHelp("The sync service's log file.", valueName: "path"), completion: .file())
    var log: String?

    @Flag(name: .long, help: "Print the findings as a JSON array of {kind, connector, message, fix}.")
    var json = false

    func validate() throws {
        if all && forest != nil { throw ValidationError("Please give a forest or --all, not both.") }
        if !all && forest == nil { throw ValidationError("Please give a forest, or --all.") }
        if all && log != nil { throw ValidationError("Please give --log with the forest whose service wrote it, not with --all.") }
    }

    func run() throws {
        let vault = try options.openVault()
        let doctor = Doctor(vault: vault)
        var found: [(forest: String, finding: Finding)] = []
        if let forest {
            found = try doctor.diagnose(forest: forest, logPath: log).map { (forest, $0) }
        } else {
            for summary in try vault.list() {
                found += try doctor.diagnose(forest: summary.forest).map { (summary.forest, $0) }
            }
        }
        try print(found)
        let findings = found.map(\.finding)
        if let forest {
            if let failure = ErrorPresenter.verdict(of: findings, forest: forest) { throw failure }
        } else if let failure = ErrorPresenter.verdict(ofAll: findings) {
            throw failure
        }
    }

    private func print(_ found: [(forest: String, finding: Finding)]) throws(CredVaultError) {
        if json {
            try Output.json(found.map { forest, finding in
                FindingJSON(kind: finding.kind.rawValue, connector: finding.connector, message: finding.message,
                            fix: finding.remedy.map(ErrorPresenter.command(for:)),
                            forest: all ? forest : nil, problem: finding.problem?.rawValue)
            })
            return
        }
        var text = all && found.isEmpty ? "OK: the vault holds no forest yet.\n" : ""
        for (forest, finding) in found {
            text += (finding.kind == .ok ? "OK: " : "PROBLEM: ") + (all ? "[\(forest)] " : "") + finding.message + "\n"
            if let remedy = finding.remedy { text += "  fix: \(ErrorPresenter.command(for: remedy))\n" }
        }
        Terminal.write(text)
    }
}

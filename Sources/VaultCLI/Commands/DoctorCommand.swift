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
            directory holds a password the vault does not. Lines are dated by their first
            YYYY-MM-DD hh:mm:ss timestamp (UTC unless a zone is given).

            Exit codes: 0 nothing wrong, 1 problems found (each with its fix), 65 a
            tampered connector row.

            Examples:
              credvault doctor contoso.com
              credvault doctor contoso.com --log /var/log/adsync/service.log
            """
    )

    @OptionGroup var options: VaultOptions

    @Argument(help: "The AD forest.")
    var forest: String

    @Option(name: .long, help: ArgumentHelp("The sync service's log file.", valueName: "path"), completion: .file())
    var log: String?

    @Flag(name: .long, help: "Print the findings as a JSON array of {kind, connector, message, fix}.")
    var json = false

    func run() throws {
        let findings = try Doctor(vault: options.openVault()).diagnose(forest: forest, logPath: log)
        if json {
            try Output.json(findings.map {
                FindingJSON(kind: $0.kind.rawValue, connector: $0.connector, message: $0.message, fix: $0.remedy.map(ErrorPresenter.command(for:)))
            })
        } else {
            var text = ""
            for finding in findings {
                text += (finding.kind == .ok ? "OK: " : "PROBLEM: ") + finding.message + "\n"
                if let remedy = finding.remedy { text += "  fix: \(ErrorPresenter.command(for: remedy))\n" }
            }
            Terminal.write(text)
        }
        if let failure = ErrorPresenter.verdict(of: findings, forest: forest) { throw failure }
    }
}

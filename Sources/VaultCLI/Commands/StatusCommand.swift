import ArgumentParser
import CredVault

struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show each forest's current version and what each connector holds.",
        discussion: """
            Each forest shows how many connectors receive its password: `none` means no
            service gets it from credvault, the dependent a rotation breaks unnoticed.
            For each connector the target is read and its password identified by
            fingerprint: current, stale (with the version it holds), unknown (no version
            matches), or missing. Also shown: the connector's role, the last push's state,
            whether a restart is pending (the password was written but the service still
            has the old one in memory), and SYNC: "PAUSED since T" while credvault holds
            the service paused (its pause hook ran, its resume has not yet succeeded).

            AGE is the current version's age; MAX AGE the maximum that applies to the
            forest (`credvault policy`), and a forest past it shows "OVERDUE by N".

            The exit code names the worst connector problem, so a timer or a monitoring
            check sees a broken service (--json carries it as verdict and exit_code, and
            each forest's age_seconds, max_age_seconds and overdue).
            Exit codes: 0 every connector in order, 3 a restart failed or a service is
            paused, 4 a health check failed, 5 a restart is pending (not counted while a push is running), 6 a
            target drifted (stale, unknown, missing or unreadable), 7 a password is older
            than its maximum age (and no connector problem above), 64 usage, 65 a
            connector row or a policy row fails its MAC check, 66 no vault, 77 cannot unlock the vault.

            Examples:
              credvault status
              credvault status --json
            """
    )

    @OptionGroup var options: VaultOptions

    @Flag(name: .long, help: "Print {forests: [...], connectors: [...]} as JSON.")
    var json = false

    func run() throws {
        let vault = try options.openVault()
        let forests = try StatusReader(vault: vault).forests()
        let connectors = try StatusReader(vault: vault).connectors()
        let connectorCount = Dictionary(grouping: connectors, by: \.forest).mapValues(\.count)
        let rotations = try vault.pendingRotations()
        let problems = connectors.compactMap(\.problem)
        let overdue = forests.contains { $0.age.overdue }
        let code = ErrorPresenter.exitCode(for: problems, overdue: overdue)
        if json {
            try Output.json(StatusJSON(
                forests: forests.map { ForestStatusJSON($0, connectors: connectorCount[$0.forest, default: 0]) },
                connectors: connectors.map(ConnectorStatusJSON.init), rotations: rotations.map(PendingRotationJSON.init),
                verdict: problems.min()?.rawValue ?? (overdue ? StatusJSON.overdueVerdict : "ok"), exitCode: code))
        } else {
            // A forest no connector receives is the dependent a rotation breaks unnoticed: say so.
            Output.table(["FOREST", "ACCOUNT", "CURRENT", "FINGERPRINT", "AGE", "MAX AGE", "CONNECTORS"], forests.map {
                let count = connectorCount[$0.forest, default: 0]
                return [$0.forest, $0.account, "v\($0.currentVersion)", $0.fingerprint, AgeColumns.age($0.age),
                        AgeColumns.limit($0.age), count == 0 ? "none" : String(count)]
            })
            if !connectors.isEmpty {
                Terminal.write("\n")
                Output.table(["CONNECTOR", "FOREST", "ROLE", "TARGET HOLDS", "LAST PUSH", "RESTART PENDING", "SYNC", "ROW"], connectors.map {
                    [$0.name, $0.forest, $0.role ?? "-", StatusCommand.holds($0), StatusCommand.lastPush($0),
                     $0.restartPending ? "yes" : "no", StatusCommand.sync($0), $0.macValid ? "ok" : "TAMPERED"]
                })
            }
            for rotation in rotations {
                Terminal.write("\n\(rotation.forest): rotation pending since \(rotation.startedAt) (\(rotation.state.rawValue)); "
                    + "finish or undo it: credvault rotate --resume \(rotation.forest)\n")
            }
        }
        if let tampered = connectors.first(where: { !$0.macValid }) {
            throw CLIFailure.tamperedConnectorInStatus(connector: tampered.name, forest: tampered.forest)
        }
        if code != ExitCodes.ok { throw CLIFailure.stateReported(code: code) }
    }

    static func holds(_ status: ConnectorStatus) -> String {
        switch status.targetState {
        case .current: return "current (v\(status.currentVersion))"
        case .stale: return "stale v\(status.targetVersion ?? 0)"
        case .unknown: return "unknown"
        case .missing: return "missing file"
        case .unreadable: return "unreadable"
        case .unverified: return "not checked"
        }
    }

    static func lastPush(_ status: ConnectorStatus) -> String {
        guard let push = status.lastPush else { return "never" }
        let state = push.state == .failed ? "failed at \(push.step.rawValue)" : push.state.rawValue
        return "v\(push.version) \(state) \(push.updatedAt)"
    }

    /// A paused dependent runs no sync: "paused since T" (by whom; a failed resume says so).
    static func sync(_ status: ConnectorStatus) -> String {
        guard let pause = status.pause else { return status.canPause ? "not paused" : "-" }
        return "PAUSED since \(pause.since) by \(pause.cause.rawValue)" + (pause.error == nil ? "" : " (resume failed)")
    }
}

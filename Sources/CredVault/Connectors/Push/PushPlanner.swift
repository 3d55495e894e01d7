/// Decides what a push does to one connector, from what its target holds and its last push
/// row, and says what a dry run would do. Pure: it reads nothing and changes nothing.
enum PushPlanner {
    /// Push / restart only / nothing.
    static func action(
        connector: ConnectorConfig, forest: Vault.ForestState, target: TargetReading, last: PushRecord?, reconcile: Bool
    ) -> PushAction {
        guard target.fingerprint == forest.currentFingerprint, !target.missing else { return .push }
        let lastForCurrent = last.flatMap { $0.fingerprint.hex == forest.currentFingerprint ? $0 : nil }
        let restartDone = lastForCurrent?.restartSucceeded ?? (connector.restartArgv == nil && connector.healthArgv == nil)
        if !restartDone { return .restart }
        if reconcile { return .none }
        // An explicit push re-runs the restart and health check after a failed health check.
        if let lastForCurrent, lastForCurrent.state != .healthy { return .restart }
        return .none
    }

    /// The report of a connector left alone: unchanged, unless its last run for the current
    /// version failed its health check. A reconcile does not restart it again, but it does not
    /// call it fine either (health-failed, so a timer's exit code shows it).
    static func leftAlone(
        _ input: PushReport, connector: ConnectorConfig, forest: Vault.ForestState, last: PushRecord?, restartLeftPending: Bool
    ) -> PushReport {
        var report = input
        report.outcome = .unchanged
        report.restartLeftPending = restartLeftPending
        let holds = "\(connector.name) already holds \(forest.name) v\(forest.currentVersion)"
        if restartLeftPending {
            report.message = "\(holds); nothing written (restart left pending)"
        } else if let last, last.fingerprint.hex == forest.currentFingerprint, last.state == .failed, last.step == .health {
            report.outcome = .healthFailed
            report.message = "\(holds) but its last health check failed (\(last.error ?? "no detail")); not restarted again"
        } else {
            report.message = "\(holds) and its restart succeeded; left alone"
        }
        return report
    }

    /// A dry run's report: what would happen. The account check still runs, so a dry run
    /// refuses what the real push would refuse.
    static func dryRun(
        _ input: PushReport, connector: ConnectorConfig, forest: Vault.ForestState, options: PushOptions
    ) throws(CredVaultError) -> PushReport {
        var report = input
        report.outcome = .planned
        let held = report.targetVersionBefore.map { "v\($0)" } ?? "an unknown password"
        switch report.action {
        case .none:
            report.message = "would leave \(connector.name) alone: it holds \(forest.name) v\(forest.currentVersion) and its restart succeeded"
        case .restart:
            report.message = "would run only the restart\(connector.healthArgv != nil ? " and health check" : "") of \(connector.name): it already holds v\(forest.currentVersion)"
        case .push:
            if connector.adapter == .file, let file = connector.file, !options.force {
                let loaded = try FileAdapter.load(file.path)
                try FileAdapter.checkAccount(file, file: loaded, expected: forest.account, connector: connector.name)
            }
            var steps = ["write \(forest.name) v\(forest.currentVersion) to \(connector.targetDescription) (it holds \(held))"]
            if !options.noRestart {
                if let restart = connector.restartArgv { steps.append("run \(CommandLineSplitter.display(restart))") }
                if let health = connector.healthArgv { steps.append("check health with \(CommandLineSplitter.display(health))") }
            }
            if !options.noRestart, let pause = connector.pauseArgv, let resume = connector.resumeArgv {
                steps.insert("pause with \(CommandLineSplitter.display(pause))", at: 0)
                steps.append("resume with \(CommandLineSplitter.display(resume))")
            }
            report.message = "would " + steps.joined(separator: ", then ")
        }
        return report
    }
}

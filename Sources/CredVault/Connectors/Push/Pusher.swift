/// Pushes forests to their connectors: for each connector the probe reads its target once,
/// the planner decides, and a `ConnectorPush` runs the steps. One push holds the vault's push
/// lock; a failure of one connector is reported in its report and does not stop the others.
public final class Pusher {
    let vault: Vault

    public init(vault: Vault) {
        self.vault = vault
    }

    /// Pushes `forest` (or every forest with `all`) to its connectors.
    public func push(forest rawForest: String?, all: Bool, options: PushOptions) async throws(CredVaultError) -> [PushReport] {
        let entries = try selectConnectors(forest: rawForest, all: all, only: options.connector)
        if entries.isEmpty { return [] }
        let lock = options.dryRun ? nil : try PushLock.acquire(beside: vault.path)
        defer { withExtendedLifetime(lock) {} }
        var reports: [PushReport] = []
        for entry in entries {
            reports.append(await pushOne(entry, reconcile: all, options: options))
        }
        return reports
    }

    /// The connectors a push names: a forest's (or all, or one of them).
    private func selectConnectors(forest rawForest: String?, all: Bool, only: String?) throws(CredVaultError) -> [ConnectorEntry] {
        var entries: [ConnectorEntry]
        if all {
            entries = try vault.connectors()
        } else {
            guard let rawForest else { throw .usage(.pushNeedsForestOrAll) }
            let forest = try Validation.forest(rawForest)
            _ = try vault.forestState(forest)
            entries = try vault.connectors(forest: forest)
        }
        if let name = only {
            let wanted = try Validation.connectorName(name)
            entries = entries.filter { $0.config.name == wanted }
            if entries.isEmpty {
                let existing = try vault.connector(named: wanted)
                throw .missing(.connectorOfOtherForest(connector: wanted, forest: existing.config.forest, requested: rawForest ?? "?"))
            }
        }
        if entries.isEmpty && !all { throw .missing(.connectors(forest: rawForest ?? "")) }
        return entries
    }

    private func pushOne(_ entry: ConnectorEntry, reconcile: Bool, options: PushOptions) async -> PushReport {
        let connector = entry.config
        var report = PushReport(connector: connector.name, forest: connector.forest, action: .push, outcome: .failed, message: "")
        do throws(CredVaultError) {
            guard entry.macValid else { throw refuseTampered(connector, options: options) }
            let forest = try vault.forestState(connector.forest)
            report.version = forest.currentVersion
            report.fingerprint = Fingerprint(hex: forest.currentFingerprint).short
            let target = try TargetProbe(vault: vault).read(connector, forest: forest)
            if target.missing, let file = connector.file {
                throw .missing(.pushTarget(connector: connector.name, path: file.path))
            }
            report.targetVersionBefore = target.version
            if !options.dryRun, let file = connector.file {
                // Under the push lock no other push is writing: any temp file here was left by
                // an interrupted one, and it holds a password.
                FileAdapter.removeStaleTempFiles(besides: file.path)
            }
            let last = try vault.lastPush(connector: connector.name)
            var action = PushPlanner.action(connector: connector, forest: forest, target: target, last: last, reconcile: reconcile)
            if action == .restart && options.noRestart { action = .none }
            report.action = action
            if options.dryRun { return try PushPlanner.dryRun(report, connector: connector, forest: forest, options: options) }
            guard action != .none else {
                let pending = options.noRestart && target.fingerprint == forest.currentFingerprint
                report = PushPlanner.leftAlone(report, connector: connector, forest: forest, last: last, restartLeftPending: pending)
                try await PushQuiesce.resumeLeftover(connector, last: last, vault: vault, report: &report)
                return report
            }
            return try await ConnectorPush(
                connector, forest: forest, options: options, vault: vault, report: report, adoptedInode: target.adoptedInode
            ).run(action)
        } catch {
            report.outcome = .failed
            report.error = error
            report.message = error.description
        }
        return report
    }

    /// A detected tamper is what an auditor wants to see: the refusal is recorded (not on a dry run).
    private func refuseTampered(_ connector: ConnectorConfig, options: PushOptions) -> CredVaultError {
        if !options.dryRun {
            try? PushRecorder(vault: vault).record(AuditEventDraft(
                action: .pushFailed, forest: connector.forest, connector: connector.name, outcome: .failed,
                detail: ["step": "verify", "error": "connector row MAC mismatch"]))
        }
        return .connectorTampered(connector: connector.name)
    }
}

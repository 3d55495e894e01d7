/// Lists every dependent of a forest before a change and says which one is not ready: a
/// tampered row, a failed last push or a restart still pending is `failed`, a missing or
/// unreadable target or a failing health check `unreachable`. A connector named in `skip` is
/// left out on purpose; when nothing else blocks, each skip is recorded (`connector.skip`), so
/// a forgotten staging server is a decision in the audit trail, not an accident.
///
/// This is the one judgement of readiness: `rotate` (and its dry run) asks it once, in the
/// preflight, and the status it starts from is `StatusReader`'s, so `status` and a refused
/// rotation never disagree about a connector.
public struct ReadinessCheck {
    let vault: Vault

    public init(vault: Vault) {
        self.vault = vault
    }

    /// Checks every connector of `forest` (each health check runs once, within the
    /// connector's timeout). `change` names the change in the skip events (`rotate`); with
    /// nil nothing is recorded (a preflight, which `record(skipsOf:for:)` completes later).
    public func run(forest rawForest: String, skip: Set<String> = [], change: String?) async throws(CredVaultError) -> ReadinessReport {
        let forest = try Validation.forest(rawForest)
        let state = try vault.forestState(forest)
        let entries = try vault.connectors(forest: forest)
        try refuseUnknown(skip, among: entries, forest: forest)
        let redactor = Redactor()
        if state.currentVersion > 0 {
            try redactor.add(copyOf: try vault.passwordForPush(forest: forest, version: state.currentVersion))
        }
        let reader = StatusReader(vault: vault)
        var results: [ConnectorReadiness] = []
        for entry in entries {
            let (verdict, reason) = try await judge(entry, status: try reader.status(of: entry), forest: state, redactor: redactor)
            results.append(ConnectorReadiness(
                connector: entry.config.name, role: entry.config.role, state: verdict, reason: reason,
                skipped: skip.contains(entry.config.name)))
        }
        let report = ReadinessReport(forest: forest, connectors: results)
        if let change { try record(skipsOf: report, for: change) }
        return report
    }

    /// Audits each skip of a report that blocks nothing (`connector.skip`); a report that
    /// blocks records nothing, since the change will not happen.
    public func record(skipsOf report: ReadinessReport, for change: String) throws(CredVaultError) {
        guard report.blocking.isEmpty else { return }
        let entries = try vault.connectors(forest: report.forest)
        for result in report.connectors where result.skipped {
            guard let entry = entries.first(where: { $0.config.name == result.connector }) else { continue }
            try vault.recordSkip(entry.config, state: result.state.rawValue, reason: result.reason, for: change)
        }
    }

    private func refuseUnknown(_ skip: Set<String>, among entries: [ConnectorEntry], forest: String) throws(CredVaultError) {
        let names = Set(entries.map(\.config.name))
        guard let unknown = skip.sorted().first(where: { !names.contains($0) }) else { return }
        guard let other = try? vault.connector(named: unknown) else { throw .missing(.connector(unknown)) }
        throw .missing(.connectorOfOtherForest(connector: unknown, forest: other.config.forest, requested: forest))
    }

    private func judge(
        _ entry: ConnectorEntry, status: ConnectorStatus, forest: Vault.ForestState, redactor: Redactor
    ) async throws(CredVaultError) -> (ConnectorReadiness.State, String) {
        let connector = entry.config
        guard entry.macValid else { return (.failed, "its row was changed outside credvault") }
        switch status.targetState {
        case .missing: return (.unreachable, "the target file \(connector.file?.path ?? connector.targetDescription) does not exist")
        case .unreadable: return (.unreachable, "its target cannot be read: \(status.targetError ?? "unreadable")")
        default: break
        }
        if let last = status.lastPush, last.state == .failed {
            return (.failed, "its last push failed at \(last.step.rawValue)")
        }
        if status.restartPending && !status.pushInProgress {
            return (.failed, "its restart is still pending: `credvault push \(forest.name)` finishes it")
        }
        guard let health = connector.healthArgv else { return (.unchecked, "no health check") }
        let environment = HookEnvironment(
            forest: forest.name, connector: connector.name, version: forest.currentVersion,
            fingerprint: Fingerprint(hex: forest.currentFingerprint).short)
        let result = await HookRunner.run(
            health, environment: environment, timeout: .seconds(connector.timeoutSeconds), redactor: redactor)
        return result.succeeded ? (.ready, result.summary) : (.unreachable, result.summary + ConnectorPush.tail(result))
    }
}

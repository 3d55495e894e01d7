/// Lists every dependent of a forest before a change and says which one is not ready: a
/// tampered row or a failed last push is `failed`, a missing target file or a failing health
/// check `unreachable`. A connector named in `skip` is left out on purpose; when nothing else
/// blocks, each skip is recorded (`connector.skip`), so a forgotten staging server is a
/// decision in the audit trail, not an accident.
public struct ReadinessCheck {
    let vault: Vault

    public init(vault: Vault) {
        self.vault = vault
    }

    /// Checks every connector of `forest` (each health check runs once, within the
    /// connector's timeout). `change` names the change in the skip events (`rotate`).
    public func run(forest rawForest: String, skip: Set<String> = [], change: String) async throws(CredVaultError) -> ReadinessReport {
        let forest = try Validation.forest(rawForest)
        let state = try vault.forestState(forest)
        let entries = try vault.connectors(forest: forest)
        let names = Set(entries.map(\.config.name))
        if let unknown = skip.sorted().first(where: { !names.contains($0) }) {
            guard let other = try? vault.connector(named: unknown) else { throw .missing(.connector(unknown)) }
            throw .missing(.connectorOfOtherForest(connector: unknown, forest: other.config.forest, requested: forest))
        }
        let redactor = Redactor()
        if state.currentVersion > 0 {
            try redactor.add(copyOf: try vault.passwordForPush(forest: forest, version: state.currentVersion))
        }
        var results: [ConnectorReadiness] = []
        for entry in entries {
            let (verdict, reason) = try await judge(entry, forest: state, redactor: redactor)
            results.append(ConnectorReadiness(
                connector: entry.config.name, role: entry.config.role, state: verdict, reason: reason,
                skipped: skip.contains(entry.config.name)))
        }
        let report = ReadinessReport(forest: forest, connectors: results)
        if report.blocking.isEmpty {
            for result in results where result.skipped {
                guard let entry = entries.first(where: { $0.config.name == result.connector }) else { continue }
                try vault.recordSkip(entry.config, state: result.state.rawValue, reason: result.reason, for: change)
            }
        }
        return report
    }

    private func judge(
        _ entry: ConnectorEntry, forest: Vault.ForestState, redactor: Redactor
    ) async throws(CredVaultError) -> (ConnectorReadiness.State, String) {
        let connector = entry.config
        guard entry.macValid else { return (.failed, "its row was changed outside credvault") }
        if let file = connector.file, try TargetProbe(vault: vault).read(connector, forest: forest).missing {
            return (.unreachable, "the target file \(file.path) does not exist")
        }
        if let last = try vault.lastPush(connector: connector.name), last.state == .failed {
            return (.failed, "its last push failed at \(last.step.rawValue)")
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

/// Runs connectors' health checks once, now, for `check`: nothing is written, restarted or
/// recorded, so a monitoring check can run it as often as it likes. Tampered rows are not
/// run (their commands may have been redirected).
public struct HealthChecker {
    let vault: Vault

    public init(vault: Vault) {
        self.vault = vault
    }

    /// Checks `forest`'s connectors (every forest's when nil), or only the one named `only`.
    public func check(forest rawForest: String?, only: String? = nil) async throws(CredVaultError) -> [HealthCheckResult] {
        let forest = try rawForest.map { (name) throws(CredVaultError) in try Validation.forest(name) }
        if let forest { _ = try vault.forestState(forest) }
        var statuses = try StatusReader(vault: vault).connectors(forest: forest)
        if let only {
            let wanted = try Validation.connectorName(only)
            statuses = statuses.filter { $0.name == wanted }
            if statuses.isEmpty {
                let existing = try vault.connector(named: wanted)
                throw .missing(.connectorOfOtherForest(connector: wanted, forest: existing.config.forest, requested: forest ?? "?"))
            }
        }
        let entries = try vault.connectors(forest: forest)
        var results: [HealthCheckResult] = []
        for status in statuses {
            let entry = entries.first { $0.config.name == status.name }
            results.append(HealthCheckResult(status: status, health: try await run(entry, status: status)))
        }
        return results
    }

    /// The health check's result, nil when the connector has none or its row is not trusted.
    private func run(_ entry: ConnectorEntry?, status: ConnectorStatus) async throws(CredVaultError) -> HookResult? {
        guard let entry, entry.macValid, let health = entry.config.healthArgv else { return nil }
        let forest = try vault.forestState(status.forest)
        // The hook never gets the password, but its output is redacted as a push's is.
        let redactor = Redactor()
        let password = try vault.passwordForPush(forest: forest.name, version: forest.currentVersion)
        try redactor.add(copyOf: password)
        let environment = HookEnvironment(
            forest: forest.name, connector: status.name, version: forest.currentVersion,
            fingerprint: Fingerprint(hex: forest.currentFingerprint).short)
        return await HookRunner.run(
            health, environment: environment, timeout: .seconds(entry.config.timeoutSeconds), redactor: redactor)
    }
}

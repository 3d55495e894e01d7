/// One connector as `check` sees it: its status and the health check just run.
public struct HealthCheckResult: Sendable {
    public let status: ConnectorStatus
    /// The health check run now; nil when the connector has none (or its row is tampered).
    public let health: HookResult?

    /// The worst problem: a failing check now, else what `status` shows, except a failed
    /// health check of the last push, which the check just run supersedes.
    public var problem: ConnectorProblem? {
        let failingNow: ConnectorProblem? = health.map { $0.succeeded ? nil : .healthFailed } ?? nil
        return [status.problemIgnoringLastHealth, failingNow].compactMap { $0 }.min()
    }
}

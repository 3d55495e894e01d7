import CredVault

struct CheckResultJSON: Encodable {
    let connector: String
    let forest: String
    /// nil when the connector has no health check (or its row is tampered).
    let healthy: Bool?
    let health: String?
    let targetState: String
    let problem: String?
    let exitCode: Int32
    let message: String

    init(_ result: HealthCheckResult) {
        connector = result.status.name
        forest = result.status.forest
        healthy = result.health?.succeeded
        health = result.health?.summary
        targetState = result.status.targetState.rawValue
        problem = result.problem?.rawValue
        exitCode = ErrorPresenter.exitCode(for: result.problem.map { [$0] } ?? [])
        message = CheckText.line(for: result)
    }
}

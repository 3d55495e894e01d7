import ArgumentParser
import CredVault

struct PushReportJSON: Encodable {
    struct Step: Encodable {
        let step: String
        let ok: Bool
        let detail: String
        let attempts: Int
        let stdout: String
        let stderr: String
    }

    let connector: String
    let forest: String
    let action: String
    let outcome: String
    let version: Int?
    let fingerprint: String?
    let targetVersionBefore: Int?
    let message: String
    let error: String?
    let exitCode: Int32
    let rolledBackTo: Int?
    let steps: [Step]
    /// What the push did with the service's sync schedule, and whether it is still paused.
    let quiesce: [String]
    let leftPaused: Bool

    init(_ report: PushReport, reconcile: Bool = false) {
        connector = report.connector
        forest = report.forest
        action = report.action.rawValue
        outcome = report.outcome.rawValue
        version = report.version
        fingerprint = report.fingerprint
        targetVersionBefore = report.targetVersionBefore
        message = ErrorPresenter.message(for: report)
        error = report.error.map(ErrorPresenter.line(for:))
        exitCode = ErrorPresenter.exitCode(for: [report], reconcile: reconcile)
        rolledBackTo = report.rolledBackTo
        steps = report.steps.map {
            Step(step: $0.step, ok: $0.ok, detail: $0.detail, attempts: $0.attempts, stdout: $0.stdout, stderr: $0.stderr)
        }
        quiesce = report.quiesce
        leftPaused = report.leftPaused
    }
}

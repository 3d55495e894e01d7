/// A push's pause and resume of a connector's service: pause -> write -> restart -> health ->
/// resume. The service stays paused only when its restart failed (it would sync with the
/// password it cached before the change), and the report says so. A service that was already
/// paused (by a rotation, an operator, an interrupted push) is not paused again; it is resumed
/// once its restart succeeded, unless the push was asked to keep it paused.
final class PushQuiesce {
    let connector: ConnectorConfig
    private let quiescer: Quiescer
    private let keepPaused: Bool
    /// This push ran the pause hook (the service was not paused before).
    private(set) var pausedHere = false

    init(_ connector: ConnectorConfig, vault: Vault, redactor: Redactor, keepPaused: Bool) {
        self.connector = connector
        self.quiescer = Quiescer(vault: vault, redactor: redactor)
        self.keepPaused = keepPaused
    }

    /// Pauses the service unless it is paused already. Returns false (the report filled in:
    /// failed, nothing written, the service resumed) when the pause hook failed.
    func pause(_ report: inout PushReport, vault: Vault) async throws(CredVaultError) -> Bool {
        if try vault.pause(of: connector.name) != nil {
            report.quiesce.append("\(connector.name) was already paused")
            return true
        }
        let step = try await quiescer.pause(connector, cause: .push)
        report.steps.append(PushQuiesce.stepReport(step))
        if step.ok {
            pausedHere = true
            report.quiesce.append("paused \(connector.name)")
            return true
        }
        let undo = try await quiescer.resume(connector)
        report.steps.append(PushQuiesce.stepReport(undo))
        report.outcome = .failed
        report.error = .pauseFailed(connector: connector.name, detail: step.detail)
        report.message = CredVaultError.pauseFailed(connector: connector.name, detail: step.detail).description
        if !undo.ok { report.leftPaused = true }
        return false
    }

    /// After the write failed: the target and the service's memory still agree, so the
    /// service is resumed if this push paused it (a pause from before is left as it was).
    func afterFailedWrite(_ report: inout PushReport) async {
        guard pausedHere else { return }
        await resume(&report)
    }

    /// After restart and health: resumed when the restart succeeded, kept paused (loudly) when not.
    func finish(_ report: inout PushReport, restartFailed: Bool) async {
        if restartFailed {
            report.leftPaused = true
            report.message += "; \(connector.name) stays paused (after a failed restart it may still hold the old password in memory)"
            return
        }
        if keepPaused {
            report.quiesce.append("\(connector.name) kept paused as asked")
            return
        }
        await resume(&report)
    }

    private func resume(_ report: inout PushReport) async {
        do throws(CredVaultError) {
            let step = try await quiescer.resume(connector)
            report.steps.append(PushQuiesce.stepReport(step))
            if step.ok {
                report.quiesce.append("resumed \(connector.name)")
                return
            }
            report.leftPaused = true
            report.message += "; resume of \(connector.name) failed (\(step.detail))"
        } catch {
            report.leftPaused = true
            report.message += "; resume of \(connector.name) could not be recorded (\(error.description))"
        }
    }

    /// A service an earlier push left paused (killed before its resume, or the resume failed)
    /// although that push ended healthy: resumed now. A pause by an operator or a rotation is theirs.
    static func resumeLeftover(
        _ connector: ConnectorConfig, last: PushRecord?, vault: Vault, report: inout PushReport
    ) async throws(CredVaultError) {
        guard connector.resumeArgv != nil, let pause = try vault.pause(of: connector.name), pause.cause == .push,
              last?.state == .healthy else { return }
        let step = try await Quiescer(vault: vault).resume(connector)
        report.steps.append(stepReport(step))
        if step.ok {
            report.quiesce.append("resumed \(connector.name), paused since \(pause.since) by an earlier push")
            report.message += "; resumed \(connector.name) (an earlier push had left it paused since \(pause.since))"
        } else {
            report.leftPaused = true
            report.message += "; resume of \(connector.name) (paused since \(pause.since)) failed (\(step.detail))"
        }
    }

    static func stepReport(_ step: QuiesceStep) -> PushStepReport {
        PushStepReport(step: step.action.rawValue, ok: step.ok, detail: step.detail, attempts: 1, stdout: step.stdout, stderr: step.stderr)
    }
}

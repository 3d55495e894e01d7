/// Runs one connector's push once the planner chose it: write -> restart hook -> health
/// check (retried with backoff until the timeout) -> rollback when asked. Each step's state
/// and audit event commit together through the recorder; hooks run outside any transaction.
/// The run owns its report and fills it in as it goes.
final class ConnectorPush {
    /// The first wait between health checks; it doubles after each failure, up to `maximumBackoff`.
    static let initialBackoff = Duration.milliseconds(250)
    static let maximumBackoff = Duration.seconds(5)
    /// Each health check gets at least this long, even at the deadline.
    static let minimumHealthTimeout = Duration.milliseconds(500)
    /// The longest error text kept in a push row or an audit event.
    static let errorTextLimit = 2000

    let connector: ConnectorConfig
    let forest: Vault.ForestState
    let options: PushOptions
    private let vault: Vault
    private let recorder: PushRecorder
    private let redactor: Redactor
    private(set) var report: PushReport
    /// The `pushes` row of the current write-restart-health run.
    private var pushID: Int64?
    /// The probe's `TargetReading.adoptedInode`, recorded by a restart-only run's row.
    private let adoptedInode: UInt64?

    init(_ connector: ConnectorConfig, forest: Vault.ForestState, options: PushOptions, vault: Vault,
         report: PushReport, redactor: Redactor = Redactor(), adoptedInode: UInt64? = nil) {
        self.adoptedInode = adoptedInode
        self.connector = connector
        self.forest = forest
        self.options = options
        self.vault = vault
        self.recorder = PushRecorder(vault: vault)
        self.redactor = redactor
        self.report = report
    }

    /// Pushes (or only restarts) the current version; returns the finished report. A
    /// connector with a pause hook is paused first and resumed after its restart (see `PushQuiesce`).
    func run(_ action: PushAction) async throws(CredVaultError) -> PushReport {
        let payload = PushPayload(
            connector: connector, forest: forest.name, version: forest.currentVersion,
            fingerprint: Fingerprint(hex: forest.currentFingerprint), kind: action == .push ? .push : .restart)
        let password = try vault.passwordForPush(forest: forest.name, version: payload.version)
        try redactor.add(copyOf: password)
        let quiesce = connector.canPause && !options.noRestart
            ? PushQuiesce(connector, vault: vault, redactor: redactor, keepPaused: options.keepPaused) : nil
        if let quiesce, !(try await quiesce.pause(&report, vault: vault)) { return report }
        if action == .push {
            do throws(CredVaultError) {
                pushID = try await write(password, payload)
            } catch {
                await quiesce?.afterFailedWrite(&report)
                throw error
            }
            if options.noRestart {
                report.outcome = .written
                report.message = "wrote \(forest.name) v\(payload.version) to \(connector.name); restart pending"
                return report
            }
        }
        let healthy = try await restartAndCheck(payload)
        var restartFailed = report.outcome == .restartFailed
        if healthy {
            report.outcome = .healthy
            // Without a health check nothing says the service works: do not call it healthy.
            let verdict = connector.healthArgv == nil
                ? (connector.restartArgv == nil ? "no restart or health check configured" : "restarted; no health check configured")
                : "healthy"
            report.message = action == .push
                ? "pushed \(forest.name) v\(payload.version) to \(connector.name): \(verdict)"
                : "restarted \(connector.name) (it already held \(forest.name) v\(payload.version)): \(verdict)"
        } else if report.outcome == .healthFailed, options.rollbackOnFailure {
            restartFailed = try await rollback()
        }
        await quiesce?.finish(&report, restartFailed: restartFailed)
        return report
    }

    // MARK: Steps

    /// The adapter write; records `written` (or `failed` at write) with its audit event.
    private func write(_ password: borrowing SecureBytes, _ payload: PushPayload) async throws(CredVaultError) -> Int64 {
        var detail = ["adapter": connector.adapter.rawValue, "target": connector.targetDescription, "kind": payload.kind.rawValue]
        if let before = report.targetVersionBefore { detail["previous_version"] = String(before) }
        let writtenInode: UInt64?
        do throws(CredVaultError) {
            writtenInode = try await deliver(password, payload)
        } catch {
            var failed = detail
            failed["step"] = "write"
            failed["error"] = ConnectorPush.clip(error.description)
            _ = try? recorder.start(connector, payload, PushRecorder.Step(
                state: .failed, step: .write, error: ConnectorPush.clip(error.description),
                event: event(.pushFailed, payload, outcome: .failed, detail: failed, kindInDetail: false)))
            throw error
        }
        Log.connectors.debug("wrote target", metadata: [
            "connector": "\(connector.name)", "forest": "\(forest.name)", "version": "\(payload.version)",
            "kind": "\(payload.kind.rawValue)"])
        return try recorder.start(connector, payload, PushRecorder.Step(
            state: .written, step: .restart, error: nil, event: event(.pushWritten, payload, detail: detail, kindInDetail: false)),
            targetInode: writtenInode)
    }

    /// Hands the password to the target through the connector's adapter; returns the inode
    /// a file target's new file has.
    private func deliver(_ password: borrowing SecureBytes, _ payload: PushPayload) async throws(CredVaultError) -> UInt64? {
        switch connector.adapter {
        case .file:
            guard let file = connector.file else { throw .integrity("connector \(connector.name) has no file") }
            var lastWritten = adoptedInode
            if lastWritten == nil { lastWritten = try vault.lastWrittenInode(connector: connector.name) }
            let inode = try FileAdapter.write(
                password: password, to: file, expectedAccount: options.force ? nil : forest.account, connector: connector.name,
                lastWrittenInode: lastWritten)
            report.steps.append(PushStepReport(step: "write", ok: true, detail: "wrote \(file.path)", attempts: 1, stdout: "", stderr: ""))
            return inode
        case .exec:
            let result = try await ExecAdapter.write(
                password: password, connector: connector, environment: payload.environment, redactor: redactor)
            report.steps.append(PushStepReport(
                step: "write", ok: result.succeeded, detail: result.summary, attempts: 1, stdout: result.stdout, stderr: result.stderr))
            guard result.succeeded else {
                throw .io("connector \(connector.name): the exec adapter failed: \(result.summary)\(ConnectorPush.tail(result))")
            }
            return nil
        }
    }

    /// Restart hook then health check. Returns true when healthy; otherwise sets the
    /// report's outcome (restart-failed or health-failed).
    private func restartAndCheck(_ payload: PushPayload) async throws(CredVaultError) -> Bool {
        let timeout = Duration.seconds(connector.timeoutSeconds)
        if let restart = connector.restartArgv {
            let result = await HookRunner.run(restart, environment: payload.environment, timeout: timeout, redactor: redactor)
            report.steps.append(PushStepReport(
                step: "restart", ok: result.succeeded, detail: result.summary, attempts: 1, stdout: result.stdout, stderr: result.stderr))
            guard result.succeeded else {
                let message = "restart of \(connector.name) failed: \(result.summary)\(ConnectorPush.tail(result))"
                try record(.failed, .restart, ConnectorPush.clip(message), payload,
                           event(.pushFailed, payload, outcome: .failed, detail: ["step": "restart", "error": ConnectorPush.clip(result.summary)]))
                report.outcome = .restartFailed
                report.message = "\(message); the target holds v\(payload.version), restart pending"
                return false
            }
            let restarted = PushRecorder.Step(
                state: .restarted, step: .health, error: nil,
                event: event(.pushRestarted, payload, detail: ["restart": CommandLineSplitter.display(restart)]))
            if connector.healthArgv == nil {
                // Nothing runs between the restart and the end of the run: both steps, each with
                // its own event, commit together (one WAL sync fewer per push).
                try record([restarted, PushRecorder.Step(
                    state: .healthy, step: .done, error: nil,
                    event: event(.pushHealthy, payload, detail: ["health_check": "none"]))], payload)
                return true
            }
            try record([restarted], payload)
        }
        guard let health = connector.healthArgv else {
            try record(.healthy, .done, nil, payload, event(.pushHealthy, payload, detail: ["health_check": "none"]))
            return true
        }
        let (last, attempts) = await checkHealth(health, payload, timeout: timeout)
        report.steps.append(PushStepReport(
            step: "health", ok: last.succeeded, detail: last.summary, attempts: attempts, stdout: last.stdout, stderr: last.stderr))
        if last.succeeded {
            try record(.healthy, .done, nil, payload, event(.pushHealthy, payload, detail: ["attempts": String(attempts)]))
            return true
        }
        let message = "health check of \(connector.name) failed after \(attempts) attempt\(attempts == 1 ? "" : "s"): \(last.summary)\(ConnectorPush.tail(last))"
        try record(.failed, .health, ConnectorPush.clip(message), payload, event(
            .pushFailed, payload, outcome: .failed,
            detail: ["step": "health", "attempts": String(attempts), "error": ConnectorPush.clip(last.summary)]))
        report.outcome = .healthFailed
        report.message = "\(message); the target keeps v\(payload.version)"
        return false
    }

    /// Runs the health check until it passes or the timeout is spent, backing off between tries.
    private func checkHealth(_ health: [String], _ payload: PushPayload, timeout: Duration) async -> (HookResult, Int) {
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        var attempts = 0
        var delay = ConnectorPush.initialBackoff
        while true {
            attempts += 1
            let remaining = clock.now.duration(to: deadline)
            let result = await HookRunner.run(
                health, environment: payload.environment, timeout: max(remaining, ConnectorPush.minimumHealthTimeout),
                redactor: redactor)
            if result.succeeded { return (result, attempts) }
            let left = clock.now.duration(to: deadline)
            if left <= .zero { return (result, attempts) }
            try? await Task.sleep(for: min(delay, left))
            delay = min(delay * 2, ConnectorPush.maximumBackoff)
            if clock.now >= deadline { return (result, attempts) }
        }
    }

    /// Records a step: the run's row is inserted at its first step, moved on at the next ones.
    private func record(
        _ state: PushState, _ step: PushStep, _ error: String?, _ payload: PushPayload, _ draft: AuditEventDraft
    ) throws(CredVaultError) {
        try record([PushRecorder.Step(state: state, step: step, error: error, event: draft)], payload)
    }

    /// Records steps that follow one another with nothing run between them, in one transaction.
    private func record(_ changes: [PushRecorder.Step], _ payload: PushPayload) throws(CredVaultError) {
        for change in changes {
            Log.connectors.debug("push step", metadata: [
                "connector": "\(connector.name)", "version": "\(payload.version)",
                "state": "\(change.state.rawValue)", "step": "\(change.step.rawValue)"])
        }
        if let pushID {
            try recorder.advance(pushID, changes)
        } else if let first = changes.first {
            let id = try recorder.start(connector, payload, first, targetInode: adoptedInode)
            pushID = id
            if changes.count > 1 { try recorder.advance(id, Array(changes.dropFirst())) }
        }
    }

    private func event(
        _ action: AuditAction, _ payload: PushPayload, outcome: AuditOutcome = .ok, detail: [String: String] = [:],
        kindInDetail: Bool = true
    ) -> AuditEventDraft {
        var detail = detail
        if kindInDetail { detail["kind"] = payload.kind.rawValue }
        return AuditEventDraft(action: action, forest: forest.name, version: payload.version, connector: connector.name,
                               outcome: outcome, fingerprint: payload.fingerprint, detail: detail)
    }

    // MARK: Rollback

    /// --rollback-on-failure: pushes back the version the target held before (or the one
    /// before the current), restarts and checks health again. The outcome stays health-failed.
    /// Returns true when the rollback's restart failed.
    private func rollback() async throws(CredVaultError) -> Bool {
        guard let previous = rollbackVersion(),
              let previousFingerprint = forest.versions.first(where: { $0.version == previous })?.fingerprint else {
            report.message += "; no previous version to roll back to"
            return false
        }
        var start = report
        start.targetVersionBefore = forest.currentVersion
        let back = ConnectorPush(connector, forest: forest, options: options, vault: vault, report: start, redactor: redactor)
        let healthy = try await back.pushBack(version: previous, fingerprint: Fingerprint(hex: previousFingerprint))
        report.steps += back.report.steps.dropFirst(report.steps.count).map {
            PushStepReport(step: "rollback-" + $0.step, ok: $0.ok, detail: $0.detail, attempts: $0.attempts, stdout: $0.stdout, stderr: $0.stderr)
        }
        report.rolledBackTo = previous
        // Only the target went back: the vault's current version (and the directory's
        // password) did not. Say so, and what the next reconcile will do.
        report.message += "; wrote v\(previous) back to \(connector.name)" + (healthy ? " (healthy)" : " (still unhealthy)")
            + "; the vault's current version stays v\(forest.currentVersion)"
        return back.report.outcome == .restartFailed
    }

    /// The version to roll back to: what the target held before, else the newest older one
    /// with another password.
    private func rollbackVersion() -> Int? {
        let current = forest.currentVersion
        if let before = report.targetVersionBefore, before != current,
           forest.versions.first(where: { $0.version == before })?.fingerprint != forest.currentFingerprint {
            return before
        }
        return forest.versions.last { $0.version < current && $0.fingerprint != forest.currentFingerprint }?.version
    }

    /// The rollback run itself: writes `version` back, restarts and checks health.
    private func pushBack(version: Int, fingerprint: Fingerprint) async throws(CredVaultError) -> Bool {
        let password = try vault.passwordForPush(forest: forest.name, version: version)
        try redactor.add(copyOf: password)
        let payload = PushPayload(connector: connector, forest: forest.name, version: version, fingerprint: fingerprint, kind: .rollback)
        pushID = try await write(password, payload)
        return try await restartAndCheck(payload)
    }

    static func tail(_ result: HookResult) -> String {
        let tail = result.outputTail()
        return tail.isEmpty ? "" : " (\(tail))"
    }

    static func clip(_ text: String, limit: Int = errorTextLimit) -> String {
        text.count > limit ? String(text.prefix(limit)) + "…" : text
    }
}

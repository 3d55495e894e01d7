#if canImport(Glibc)
import Glibc
#endif

/// What a push asks for.
public struct PushOptions: Sendable {
    /// Only this connector (of the forest).
    public var connector: String?
    /// Write only; the restart stays pending.
    public var noRestart = false
    /// Say what would happen; change nothing, audit nothing.
    public var dryRun = false
    /// Write even when the file names another account.
    public var force = false
    /// When the health check fails, push the previous version back.
    public var rollbackOnFailure = false

    public init(connector: String? = nil, noRestart: Bool = false, dryRun: Bool = false, force: Bool = false,
                rollbackOnFailure: Bool = false) {
        self.connector = connector
        self.noRestart = noRestart
        self.dryRun = dryRun
        self.force = force
        self.rollbackOnFailure = rollbackOnFailure
    }
}

/// What a push does to one connector.
public enum PushAction: String, Sendable, Codable {
    /// Write the current version, restart, check health.
    case push
    /// The target already holds the current version: restart (and check health) only.
    case restart
    /// Nothing to do: the target holds the current version and its restart succeeded.
    case none
}

/// How one connector's push ended.
public enum PushOutcome: String, Sendable, Codable {
    case healthy
    /// Written with --no-restart: the restart is pending.
    case written
    /// Nothing needed doing.
    case unchanged
    /// --dry-run: nothing was done.
    case planned
    case restartFailed = "restart-failed"
    case healthFailed = "health-failed"
    /// Refused or failed before the target changed (integrity, account, missing file, I/O).
    case failed
}

/// One step of a push as it ran.
public struct PushStepReport: Sendable {
    public let step: String
    public let ok: Bool
    public let detail: String
    public let attempts: Int
    public let stdout: String
    public let stderr: String
}

/// The result of pushing to one connector.
public struct PushReport: Sendable {
    public let connector: String
    public let forest: String
    public var action: PushAction
    public var version: Int?
    public var fingerprint: String?
    public var outcome: PushOutcome
    public var message: String
    public var steps: [PushStepReport] = []
    public var rolledBackTo: Int?
    public var error: CredVaultError?
    public var targetVersionBefore: Int?
}

/// write -> restart hook -> health check (retried with backoff until the timeout), each step
/// recorded in the `pushes` table and the audit trail in one transaction with its state.
/// Long-running hooks run outside any transaction.
public final class Pusher {
    let vault: Vault

    public init(vault: Vault) {
        self.vault = vault
    }

    /// Pushes `forest` (or every forest with `all`) to its connectors. A failure of one
    /// connector is reported in its report and does not stop the others.
    public func push(forest rawForest: String?, all: Bool, options: PushOptions) async throws(CredVaultError) -> [PushReport] {
        var entries: [ConnectorEntry]
        if all {
            entries = try vault.connectors()
        } else {
            guard let rawForest else { throw .usage(.pushNeedsForestOrAll) }
            let forest = try Validation.forest(rawForest)
            _ = try vault.forestState(forest)
            entries = try vault.connectors(forest: forest)
        }
        if let name = options.connector {
            let wanted = try Validation.connectorName(name)
            entries = entries.filter { $0.config.name == wanted }
            if entries.isEmpty {
                let existing = try vault.connector(named: wanted)
                throw .missing(.connectorOfOtherForest(connector: wanted, forest: existing.config.forest, requested: rawForest ?? "?"))
            }
        }
        if entries.isEmpty {
            if all { return [] }
            throw .missing(.connectors(forest: rawForest ?? ""))
        }
        var lock: Int32 = -1
        if !options.dryRun { lock = try vault.acquirePushLock() }
        defer { if lock >= 0 { close(lock) } }
        var reports: [PushReport] = []
        for entry in entries {
            reports.append(await pushOne(entry, reconcile: all, options: options))
        }
        return reports
    }

    // MARK: One connector

    struct TargetReading {
        var fingerprint: String?
        var version: Int?
        var missing = false
    }

    /// Reads what the target holds now: by fingerprint for a file, from the last write for exec.
    func readTarget(_ connector: ConnectorConfig, forest: Vault.ForestState) throws(CredVaultError) -> TargetReading {
        switch connector.adapter {
        case .file:
            guard let file = connector.file else { throw .integrity("connector \(connector.name) has no file") }
            guard FileAdapter.exists(file.path) else { return TargetReading(missing: true) }
            let password = try FileAdapter.readPassword(file)
            let fingerprint = try vault.fingerprint(forest: forest.name, password: password).hex
            return TargetReading(fingerprint: fingerprint, version: forest.version(of: fingerprint))
        case .exec:
            guard let last = try vault.lastWrite(connector: connector.name) else { return TargetReading() }
            return TargetReading(fingerprint: last.fingerprint.hex, version: forest.version(of: last.fingerprint.hex))
        }
    }

    /// Push / restart only / nothing, from what the target holds and the last push row.
    static func decide(
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

    func pushOne(_ entry: ConnectorEntry, reconcile: Bool, options: PushOptions) async -> PushReport {
        let connector = entry.config
        var report = PushReport(connector: connector.name, forest: connector.forest, action: .push, outcome: .failed, message: "")
        do throws(CredVaultError) {
            guard entry.macValid else {
                // A detected tamper is what an auditor wants to see: record the refusal (not on a dry run).
                if !options.dryRun {
                    try? vault.recordEvent(AuditEventDraft(
                        action: .pushFailed, forest: connector.forest, connector: connector.name, outcome: .failed,
                        detail: ["step": "verify", "error": "connector row MAC mismatch"]))
                }
                throw .connectorTampered(connector: connector.name)
            }
            let forest = try vault.forestState(connector.forest)
            report.version = forest.currentVersion
            report.fingerprint = Fingerprint(hex: forest.currentFingerprint).short
            let target = try readTarget(connector, forest: forest)
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
            var action = Pusher.decide(connector: connector, forest: forest, target: target, last: last, reconcile: reconcile)
            if action == .restart && options.noRestart { action = .none }
            report.action = action
            if options.dryRun {
                return try plan(report, connector: connector, forest: forest, options: options)
            }
            switch action {
            case .none:
                report.outcome = .unchanged
                report.message = options.noRestart && target.fingerprint == forest.currentFingerprint
                    ? "\(connector.name) already holds \(forest.name) v\(forest.currentVersion); nothing written (restart left pending)"
                    : "\(connector.name) already holds \(forest.name) v\(forest.currentVersion) and its restart succeeded; left alone"
                return report
            case .restart, .push:
                try await execute(&report, connector: connector, forest: forest, action: action, options: options)
            }
        } catch {
            report.outcome = .failed
            report.error = error
            report.message = error.description
        }
        return report
    }

    func plan(_ input: PushReport, connector: ConnectorConfig, forest: Vault.ForestState, options: PushOptions) throws(CredVaultError) -> PushReport {
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
            report.message = "would " + steps.joined(separator: ", then ")
        }
        return report
    }

    // MARK: Steps

    func execute(
        _ report: inout PushReport, connector: ConnectorConfig, forest: Vault.ForestState, action: PushAction, options: PushOptions
    ) async throws(CredVaultError) {
        let version = forest.currentVersion
        let fingerprint = Fingerprint(hex: forest.currentFingerprint)
        let password = try vault.passwordForPush(forest: forest.name, version: version)
        let redactor = Redactor()
        try redactor.add(copyOf: password)
        let environment = HookEnvironment(forest: forest.name, connector: connector.name, version: version, fingerprint: fingerprint.short)
        var pushID: Int64?
        if action == .push {
            pushID = try await write(
                &report, password: password, connector: connector, forest: forest, version: version, fingerprint: fingerprint,
                kind: .push, environment: environment, redactor: redactor, force: options.force)
            if options.noRestart {
                report.outcome = .written
                report.message = "wrote \(forest.name) v\(version) to \(connector.name); restart pending"
                return
            }
        }
        let healthy = try await restartAndCheck(
            &report, pushID: pushID, connector: connector, forest: forest.name, version: version, fingerprint: fingerprint,
            kind: action == .push ? .push : .restart, environment: environment, redactor: redactor)
        guard !healthy else {
            report.outcome = .healthy
            report.message = action == .push
                ? "pushed \(forest.name) v\(version) to \(connector.name): healthy"
                : "restarted \(connector.name) (it already held \(forest.name) v\(version)): healthy"
            return
        }
        guard report.outcome == .healthFailed, options.rollbackOnFailure else { return }
        try await rollback(&report, connector: connector, forest: forest, redactor: redactor, force: options.force)
    }

    /// The adapter write; records `written` (or `failed` at write) with its audit event.
    func write(
        _ report: inout PushReport, password: borrowing SecureBytes, connector: ConnectorConfig, forest: Vault.ForestState,
        version: Int, fingerprint: Fingerprint, kind: PushKind, environment: HookEnvironment, redactor: Redactor, force: Bool
    ) async throws(CredVaultError) -> Int64 {
        var detail = ["adapter": connector.adapter.rawValue, "target": connector.targetDescription, "kind": kind.rawValue]
        if let before = report.targetVersionBefore { detail["previous_version"] = String(before) }
        do throws(CredVaultError) {
            switch connector.adapter {
            case .file:
                guard let file = connector.file else { throw .integrity("connector \(connector.name) has no file") }
                try FileAdapter.write(
                    password: password, to: file, expectedAccount: force ? nil : forest.account, connector: connector.name)
                report.steps.append(PushStepReport(step: "write", ok: true, detail: "wrote \(file.path)", attempts: 1, stdout: "", stderr: ""))
            case .exec:
                let result = try await ExecAdapter.write(
                    password: password, connector: connector, environment: environment, redactor: redactor)
                report.steps.append(PushStepReport(
                    step: "write", ok: result.succeeded, detail: result.summary, attempts: 1, stdout: result.stdout, stderr: result.stderr))
                guard result.succeeded else {
                    throw .io("connector \(connector.name): the exec adapter failed: \(result.summary)\(Pusher.tail(result))")
                }
            }
        } catch {
            var failed = detail
            failed["step"] = "write"
            failed["error"] = Pusher.clip(error.description)
            _ = try? vault.recordPush(
                connector: connector, version: version, fingerprint: fingerprint, kind: kind, state: .failed, step: .write,
                error: Pusher.clip(error.description),
                event: AuditEventDraft(action: .pushFailed, forest: forest.name, version: version, connector: connector.name,
                                       outcome: .failed, fingerprint: fingerprint, detail: failed))
            throw error
        }
        Log.connectors.debug("wrote target", metadata: [
            "connector": "\(connector.name)", "forest": "\(forest.name)", "version": "\(version)", "kind": "\(kind.rawValue)"])
        return try vault.recordPush(
            connector: connector, version: version, fingerprint: fingerprint, kind: kind, state: .written, step: .restart, error: nil,
            event: AuditEventDraft(action: .pushWritten, forest: forest.name, version: version, connector: connector.name,
                                   fingerprint: fingerprint, detail: detail))
    }

    /// Restart hook then health check. Returns true when healthy; otherwise sets the
    /// report's outcome (restart-failed or health-failed).
    func restartAndCheck(
        _ report: inout PushReport, pushID existing: Int64?, connector: ConnectorConfig, forest: String, version: Int,
        fingerprint: Fingerprint, kind: PushKind, environment: HookEnvironment, redactor: Redactor
    ) async throws(CredVaultError) -> Bool {
        var pushID = existing
        func event(_ action: AuditAction, _ outcome: AuditOutcome = .ok, _ detail: [String: String] = [:]) -> AuditEventDraft {
            var detail = detail
            detail["kind"] = kind.rawValue
            return AuditEventDraft(action: action, forest: forest, version: version, connector: connector.name, outcome: outcome,
                                   fingerprint: fingerprint, detail: detail)
        }
        func record(_ state: PushState, _ step: PushStep, _ error: String?, _ draft: AuditEventDraft) throws(CredVaultError) {
            Log.connectors.debug("push step", metadata: [
                "connector": "\(connector.name)", "version": "\(version)", "state": "\(state.rawValue)", "step": "\(step.rawValue)"])
            if let id = pushID {
                try vault.updatePush(id: id, state: state, step: step, error: error, event: draft)
            } else {
                pushID = try vault.recordPush(
                    connector: connector, version: version, fingerprint: fingerprint, kind: kind, state: state, step: step,
                    error: error, event: draft)
            }
        }
        let timeout = Duration.seconds(connector.timeoutSeconds)
        if let restart = connector.restartArgv {
            let result = await HookRunner.run(restart, environment: environment, timeout: timeout, redactor: redactor)
            report.steps.append(PushStepReport(
                step: "restart", ok: result.succeeded, detail: result.summary, attempts: 1, stdout: result.stdout, stderr: result.stderr))
            guard result.succeeded else {
                let message = "restart of \(connector.name) failed: \(result.summary)\(Pusher.tail(result))"
                try record(.failed, .restart, Pusher.clip(message), event(.pushFailed, .failed, ["step": "restart", "error": Pusher.clip(result.summary)]))
                report.outcome = .restartFailed
                report.message = "\(message); the target holds v\(version), restart pending"
                return false
            }
            try record(.restarted, .health, nil, event(.pushRestarted, .ok, ["restart": CommandLineSplitter.display(restart)]))
        }
        guard let health = connector.healthArgv else {
            try record(.healthy, .done, nil, event(.pushHealthy, .ok, ["health_check": "none"]))
            return true
        }
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        var attempts = 0
        var delay = Duration.milliseconds(250)
        var last: HookResult
        while true {
            attempts += 1
            let remaining = clock.now.duration(to: deadline)
            last = await HookRunner.run(
                health, environment: environment, timeout: max(remaining, .milliseconds(500)), redactor: redactor)
            if last.succeeded { break }
            let left = clock.now.duration(to: deadline)
            if left <= .zero { break }
            try? await Task.sleep(for: min(delay, left))
            delay = min(delay * 2, .seconds(5))
            if clock.now >= deadline { break }
        }
        report.steps.append(PushStepReport(
            step: "health", ok: last.succeeded, detail: last.summary, attempts: attempts, stdout: last.stdout, stderr: last.stderr))
        if last.succeeded {
            try record(.healthy, .done, nil, event(.pushHealthy, .ok, ["attempts": String(attempts)]))
            return true
        }
        let message = "health check of \(connector.name) failed after \(attempts) attempt\(attempts == 1 ? "" : "s"): \(last.summary)\(Pusher.tail(last))"
        try record(.failed, .health, Pusher.clip(message),
                   event(.pushFailed, .failed, ["step": "health", "attempts": String(attempts), "error": Pusher.clip(last.summary)]))
        report.outcome = .healthFailed
        report.message = "\(message); the new password stays in place (the directory has it)"
        return false
    }

    /// --rollback-on-failure: pushes back the version the target held before (or the one
    /// before the current), restarts and checks health again. The outcome stays health-failed.
    func rollback(
        _ report: inout PushReport, connector: ConnectorConfig, forest: Vault.ForestState, redactor: Redactor, force: Bool
    ) async throws(CredVaultError) {
        let current = forest.currentVersion
        var previous: Int?
        if let before = report.targetVersionBefore, before != current,
           forest.versions.first(where: { $0.version == before })?.fingerprint != forest.currentFingerprint {
            previous = before
        } else {
            previous = forest.versions.last { $0.version < current && $0.fingerprint != forest.currentFingerprint }?.version
        }
        guard let previous, let previousFingerprint = forest.versions.first(where: { $0.version == previous })?.fingerprint else {
            report.message += "; no previous version to roll back to"
            return
        }
        let password = try vault.passwordForPush(forest: forest.name, version: previous)
        try redactor.add(copyOf: password)
        let fingerprint = Fingerprint(hex: previousFingerprint)
        let environment = HookEnvironment(forest: forest.name, connector: connector.name, version: previous, fingerprint: fingerprint.short)
        var rollbackReport = report
        rollbackReport.targetVersionBefore = current
        let pushID = try await write(
            &rollbackReport, password: password, connector: connector, forest: forest, version: previous, fingerprint: fingerprint,
            kind: .rollback, environment: environment, redactor: redactor, force: force)
        let healthy = try await restartAndCheck(
            &rollbackReport, pushID: pushID, connector: connector, forest: forest.name, version: previous, fingerprint: fingerprint,
            kind: .rollback, environment: environment, redactor: redactor)
        report.steps += rollbackReport.steps.dropFirst(report.steps.count).map {
            PushStepReport(step: "rollback-" + $0.step, ok: $0.ok, detail: $0.detail, attempts: $0.attempts, stdout: $0.stdout, stderr: $0.stderr)
        }
        report.rolledBackTo = previous
        report.message += "; rolled back to v\(previous)" + (healthy ? " (healthy)" : " (still unhealthy)")
    }

    static func tail(_ result: HookResult) -> String {
        let tail = result.outputTail()
        return tail.isEmpty ? "" : " (\(tail))"
    }

    static func clip(_ text: String, limit: Int = 2000) -> String {
        text.count > limit ? String(text.prefix(limit)) + "…" : text
    }
}

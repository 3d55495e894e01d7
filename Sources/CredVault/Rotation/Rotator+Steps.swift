import Foundation

/// The steps after the preflight, in order. Each one that changes the journal or the vault
/// commits with its audit event before the next starts.
extension Rotator {
    /// Runs a planned rotation: store -> change -> verify -> replicate -> commit -> push.
    public func rotate(_ plan: RotationPlan, password given: consuming SecureBytes?) async throws(CredVaultError) -> RotationReport {
        var report = RotationReport(forest: plan.forest, plan: plan)
        let password = try newPassword(plan, given: given)
        try ReadinessCheck(vault: vault).record(skipsOf: plan.readiness, for: "rotate")
        try store(plan, password)
        done(.store, &report)
        try await beforeDirectoryChange(plan)
        do {
            try change(plan, password)
        } catch {
            // Refused, or never sent: the old password still holds, so the services resume.
            // A change whose answer was lost stays pending and its services stay paused.
            if try vault.pendingRotation(forest: plan.forest) == nil {
                _ = try await Quiescer(vault: vault).resumeAll(forest: plan.forest)
            }
            throw error
        }
        done(.change, &report)
        report.oldPasswordRefused = try verify(plan, password)
        done(.verify, &report)
        return try await finish(plan.forest, plan.directory, password, policy: plan.policy, report: report)
    }

    /// replicate -> commit -> push: what a rotation and a resume that finishes share.
    func finish(
        _ forest: String, _ config: DirectoryConfig, _ password: borrowing SecureBytes, policy: DirectoryPolicy?,
        report start: RotationReport
    ) async throws(CredVaultError) -> RotationReport {
        var report = start
        report.replicas = try replicate(forest, try withDependentDCs(config), password, policy: policy)
        done(.replicate, &report)
        report.version = try vault.commitRotation(forest: forest, detail: ["urls": config.urls.joined(separator: " ")])
        done(.commit, &report)
        if !options.noPush {
            report.pushes = try await push(forest)
            done(.push, &report)
        }
        // After the change nothing is undone for time: a service resumed with the old
        // password would only fail its runs. The report says how long they were paused.
        if let pausedAt, Date().timeIntervalSince(pausedAt) > options.maxPause {
            report.pausedBeyondLimit = Date().timeIntervalSince(pausedAt)
        }
        return report
    }

    /// The directory's URLs and, after them, each DC a pushed connector's service talks to
    /// (`connector add --dc`) that is not one of them: the push waits until those accept the
    /// new password too, or a service restarted onto it would fail against its own DC.
    private func withDependentDCs(_ config: DirectoryConfig) throws(CredVaultError) -> DirectoryConfig {
        var waitFor = config
        for entry in try vault.connectors(forest: config.forest) where !options.skip.contains(entry.config.name) {
            for url in entry.config.dcURLs where !waitFor.urls.contains(url) { waitFor.urls.append(url) }
        }
        return waitFor
    }

    func done(_ step: RotationStep, _ report: inout RotationReport) {
        report.stepsDone.append(step)
        observe(step)
    }

    /// Pauses every dependent with a pause hook, once the new password is safe on disk and
    /// before the directory changes: no sync run starts while the password changes hands.
    /// Each service is resumed by its own push, after its restart (or by `resume` on abort).
    /// When one pause fails, the batch has resumed the others; the pending password was never
    /// sent, so it is dropped.
    private func beforeDirectoryChange(_ plan: RotationPlan) async throws(CredVaultError) {
        let started = Date()
        let batch = try await Quiescer(vault: vault).pauseAll(forest: plan.forest, cause: .rotate, skip: options.skip)
        if let failure = batch.failure {
            try vault.abortRotation(forest: plan.forest, detail: ["step": "pause", "connector": failure.connector])
            throw .pauseFailed(connector: failure.connector, detail: failure.detail)
        }
        guard !batch.paused.isEmpty else { return }
        pausedAt = started
        let took = Date().timeIntervalSince(started)
        if took > options.maxPause {
            _ = try await Quiescer(vault: vault).resumeAll(forest: plan.forest)
            try vault.abortRotation(forest: plan.forest, detail: ["step": "pause", "paused_seconds": String(Int(took))])
            throw .rotation(.pausedTooLong(forest: plan.forest, seconds: Int(took), limit: Int(options.maxPause)))
        }
    }

    private func store(_ plan: RotationPlan, _ password: borrowing SecureBytes) throws(CredVaultError) {
        var detail = ["url": plan.firstURL, "account_dn": plan.accountDN]
        if let rotator = plan.rotatorAccount { detail["rotator"] = rotator }
        _ = try vault.beginRotation(
            forest: plan.forest, account: plan.directory.account, baseVersion: plan.baseVersion, mode: plan.mode,
            source: plan.generatedLength == nil ? .set : .generate, reason: options.reason, password: password, detail: detail)
    }

    /// The change on the first URL. A refusal, or a failure before the request was sent,
    /// proves the pending password unused: it is dropped (audited). A change whose answer was
    /// lost (timeout, connection dropped) stays pending for `rotate --resume`.
    private func change(_ plan: RotationPlan, _ password: borrowing SecureBytes) throws(CredVaultError) {
        let access = DirectoryAccess(config: plan.directory, timeouts: options.timeouts)
        let url = plan.firstURL
        let current = try vault.passwordForPush(forest: plan.forest, version: plan.baseVersion)
        let session: DirectorySession
        do throws(CredVaultError) {
            if let entry = plan.directory.resetWith {
                session = try access.bind(url, as: plan.rotatorAccount ?? "", password: try vault.currentPassword(forest: entry))
            } else {
                session = try access.bind(url, as: plan.directory.account, password: current)
            }
        } catch {
            try vault.abortRotation(forest: plan.forest, detail: ["step": "change", "url": url, "error": Rotator.code(error)])
            throw error
        }
        do {
            switch plan.mode {
            case .selfChange: try session.changeOwnPassword(current: current, new: password)
            case .reset: try session.resetPassword(ofDN: plan.accountDN, to: password)
            }
        } catch {
            let detail = ["step": "change", "url": url, "error": Rotator.code(.directory(error, policy: nil))]
            if Rotator.answerMayBeLost(error) {
                try vault.recordRotationEvent(AuditEventDraft(
                    action: .rotateFailed, forest: plan.forest, outcome: .failed, detail: detail.merging(["kept": "pending"]) { $1 }))
            } else {
                try vault.abortRotation(forest: plan.forest, detail: detail)
            }
            throw .directory(error, policy: plan.policy)
        }
        try vault.advanceRotation(forest: plan.forest, to: .changed, action: .rotateChanged,
                                  detail: ["url": url, "mode": plan.mode.rawValue, "account_dn": plan.accountDN])
    }

    /// The new password binds on the first URL; returns whether the old one is refused there.
    private func verify(_ plan: RotationPlan, _ password: borrowing SecureBytes) throws(CredVaultError) -> Bool {
        let access = DirectoryAccess(config: plan.directory, timeouts: options.timeouts)
        let url = plan.firstURL
        let new = access.outcome(url, as: plan.directory.account, password: password)
        guard new == .accepted else {
            try vault.recordRotationEvent(AuditEventDraft(
                action: .rotateFailed, forest: plan.forest, outcome: .failed,
                detail: ["step": "verify", "url": url, "new": Rotator.word(new), "kept": "pending"]))
            throw .rotation(.changeUnconfirmed(forest: plan.forest, outcome: new))
        }
        let old = access.outcome(url, as: plan.directory.account, password: try vault.passwordForPush(forest: plan.forest, version: plan.baseVersion))
        try vault.advanceRotation(forest: plan.forest, to: .verified, action: .rotateVerified,
                                  detail: ["url": url, "new": "accepted", "old": Rotator.word(old)])
        return old == .refused
    }

    /// Pushes the committed version to every connector of the forest but those skipped, one
    /// at a time (audited `rotate.pushed`). A paused service is resumed by its push once its
    /// restart succeeded; one whose restart failed stays paused, and its report says so.
    func push(_ forest: String) async throws(CredVaultError) -> [PushReport] {
        let names = try vault.connectorNames(forest: forest).filter { !options.skip.contains($0) }
        var reports: [PushReport] = []
        for name in names {
            reports += try await Pusher(vault: vault).push(forest: forest, all: false, options: PushOptions(connector: name))
        }
        let good: Set<PushOutcome> = [.healthy, .unchanged]
        let outcome: AuditOutcome = reports.allSatisfy { good.contains($0.outcome) } ? .ok : .failed
        try vault.recordRotationEvent(AuditEventDraft(
            action: .rotatePushed, forest: forest, outcome: outcome,
            detail: ["connectors": reports.map { "\($0.connector)=\($0.outcome.rawValue)" }.joined(separator: " ")]))
        return reports
    }

    /// Whether a failed change may have reached the directory all the same.
    static func answerMayBeLost(_ error: DirectoryError) -> Bool {
        switch error {
        case .timeout(let operation): return operation == .modify || operation == .passwordModify
        case .other(let code, _): return code < 0
        default: return false
        }
    }

    /// A short, secret-free code for an audit detail.
    static func code(_ error: CredVaultError) -> String {
        String(String(describing: error).prefix(200))
    }

    static func word(_ outcome: BindOutcome) -> String {
        switch outcome {
        case .accepted: return "accepted"
        case .refused: return "refused"
        case .inconclusive(let error): return "no-answer: \(String(String(describing: error).prefix(120)))"
        }
    }
}

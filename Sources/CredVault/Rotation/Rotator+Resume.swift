/// `rotate --resume`: finish or undo a rotation that stopped, decided by what the directory
/// accepts (`RotationRecovery`), each candidate tried once.
extension Rotator {
    public func resume(forest rawForest: String) async throws(CredVaultError) -> RotationReport {
        let forest = try Validation.forest(rawForest)
        var report = RotationReport(forest: forest)
        guard let journal = try vault.pendingRotation(forest: forest) else {
            // Nothing pending: a rotation stopped after its commit may still owe its pushes.
            if !options.noPush {
                report.pushes = try await push(forest)
                done(.push, &report)
            }
            return report
        }
        guard journal.macValid else { throw .rotation(.journalTampered(forest: forest)) }
        let entry = try vault.directory(forest: forest)
        guard entry.macValid else { throw .rotation(.directoryTampered(forest: forest)) }
        let config = entry.config
        let pending = try vault.pendingPassword(forest: forest)
        let decision = try decide(config, pending: pending, forest: forest)
        report.decision = decision
        switch decision {
        case .finish:
            if journal.state != .verified {
                try vault.advanceRotation(forest: forest, to: .verified, action: .rotateVerified,
                                          detail: ["url": config.urls[0], "new": "accepted", "resumed": journal.state.rawValue])
            }
            done(.verify, &report)
            return try await finish(forest, config, pending, policy: nil, report: report)
        case .abort:
            try vault.abortRotation(forest: forest, detail: [
                "url": config.urls[0], "pending": "refused", "current": "accepted", "resumed": journal.state.rawValue])
            // The old password holds: every service a rotation may have paused runs again,
            // also one whose pause was cut short before it was recorded.
            _ = try await Quiescer(vault: vault).resumeAll(forest: forest, includeUnrecorded: true)
            return report
        case .indeterminate(let pendingOutcome, let currentOutcome):
            try vault.recordRotationEvent(AuditEventDraft(
                action: .rotateIndeterminate, forest: forest, outcome: .failed,
                detail: ["url": config.urls[0], "pending": Rotator.word(pendingOutcome),
                         "current": currentOutcome.map(Rotator.word) ?? "not-tried", "kept": "both"]))
            throw .rotation(.indeterminate(forest: forest, pending: pendingOutcome, current: currentOutcome))
        }
    }

    /// Asks the first URL: the pending password first, then (if refused) the committed one.
    private func decide(
        _ config: DirectoryConfig, pending: borrowing SecureBytes, forest: String
    ) throws(CredVaultError) -> RotationRecovery.Decision {
        let access = DirectoryAccess(config: config, timeouts: options.timeouts)
        var pendingOutcome: BindOutcome?
        var currentOutcome: BindOutcome?
        while true {
            switch RotationRecovery.next(pending: pendingOutcome, current: currentOutcome) {
            case .tryPending:
                pendingOutcome = access.outcome(config.urls[0], as: config.account, password: pending)
            case .tryCurrent:
                currentOutcome = access.outcome(
                    config.urls[0], as: config.account, password: try vault.currentPassword(forest: forest))
            case .decided(let decision):
                return decision
            }
        }
    }
}

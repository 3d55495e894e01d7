/// The services credvault paused: each pause, resume and skip commits with its audit event.
extension Vault {
    /// Every service credvault paused and has not resumed (of `forest`, or all), by connector.
    public func pauses(forest: String? = nil) throws(CredVaultError) -> [PauseRecord] {
        try database.read { tx in try tx.pauses(forest: forest) }
    }

    /// The recorded pause of `connector`, nil when it is not paused.
    public func pause(of connector: String) throws(CredVaultError) -> PauseRecord? {
        try database.read { tx in try tx.pause(connector: connector) }
    }

    /// The pause hook returned 0: the row (or its refresh) and the `pause` event commit together.
    func recordPause(_ connector: ConnectorConfig, cause: PauseCause, detail: [String: String]) throws(CredVaultError) {
        try database.writeTransaction { tx in
            try tx.insertPause(connector: connector.name, forest: connector.forest, cause: cause, at: Timestamp.now())
            try self.audit.append(Vault.quiesceEvent(.pause, connector, cause: cause, outcome: .ok, detail: detail), in: tx)
        }
    }

    /// The pause hook failed: only the `pause` event, no row (the caller resumes the service).
    func recordPauseFailure(_ connector: ConnectorConfig, cause: PauseCause, detail: [String: String]) throws(CredVaultError) {
        try database.writeTransaction { tx in
            try self.audit.append(Vault.quiesceEvent(.pause, connector, cause: cause, outcome: .failed, detail: detail), in: tx)
        }
    }

    /// The resume hook returned 0: the pause row goes with the `resume` event.
    func recordResume(_ connector: ConnectorConfig, cause: PauseCause, detail: [String: String]) throws(CredVaultError) {
        try database.writeTransaction { tx in
            try tx.deletePause(connector: connector.name)
            try self.audit.append(Vault.quiesceEvent(.resume, connector, cause: cause, outcome: .ok, detail: detail), in: tx)
        }
    }

    /// The resume hook failed: the pause stays recorded with the error, next to a failed `resume`.
    func recordResumeFailure(
        _ connector: ConnectorConfig, cause: PauseCause, error: String, detail: [String: String]
    ) throws(CredVaultError) {
        try database.writeTransaction { tx in
            try tx.markResumeFailed(connector: connector.name, error: error, at: Timestamp.now())
            try self.audit.append(Vault.quiesceEvent(.resume, connector, cause: cause, outcome: .failed, detail: detail), in: tx)
        }
    }

    /// A connector left out of a change on purpose, with what was wrong with it.
    func recordSkip(_ connector: ConnectorConfig, state: String, reason: String, for change: String) throws(CredVaultError) {
        try database.writeTransaction { tx in
            try self.audit.append(AuditEventDraft(
                action: .connectorSkip, forest: connector.forest, connector: connector.name,
                detail: ["state": state, "reason": reason, "change": change]), in: tx)
        }
    }

    private static func quiesceEvent(
        _ action: AuditAction, _ connector: ConnectorConfig, cause: PauseCause, outcome: AuditOutcome, detail: [String: String]
    ) -> AuditEventDraft {
        var detail = detail
        detail["cause"] = cause.rawValue
        if let role = connector.role { detail["role"] = role }
        return AuditEventDraft(action: action, forest: connector.forest, connector: connector.name, outcome: outcome, detail: detail)
    }
}

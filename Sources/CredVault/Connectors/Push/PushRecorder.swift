/// Writes a push's `pushes` row and audit events: each step's state commits with its event.
struct PushRecorder {
    let vault: Vault

    /// A step's new state and the event that records it.
    struct Step {
        let state: PushState
        let step: PushStep
        let error: String?
        let event: AuditEventDraft
    }

    /// Inserts the run's row at its first recorded step; returns the row's id.
    func start(_ connector: ConnectorConfig, _ payload: PushPayload, _ step: Step) throws(CredVaultError) -> Int64 {
        try vault.database.writeTransaction { tx in
            let id = try tx.insertPush(
                connector: connector.name, forest: connector.forest, version: payload.version,
                fingerprint: payload.fingerprint, kind: payload.kind, state: step.state, step: step.step,
                error: step.error, at: Timestamp.now())
            try vault.audit.append(step.event, in: tx)
            return id
        }
    }

    /// Moves row `id` to its next step.
    func advance(_ id: Int64, _ step: Step) throws(CredVaultError) {
        try vault.database.writeTransaction { tx in
            try tx.updatePush(id: id, state: step.state, step: step.step, error: step.error, at: Timestamp.now())
            try vault.audit.append(step.event, in: tx)
        }
    }

    /// Appends one audit event on its own (a refusal worth recording).
    func record(_ draft: AuditEventDraft) throws(CredVaultError) {
        try vault.database.writeTransaction { tx in _ = try vault.audit.append(draft, in: tx) }
    }
}

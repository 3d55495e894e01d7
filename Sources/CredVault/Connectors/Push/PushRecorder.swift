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
    /// `targetInode` is the inode the run's write (or, for a restart-only run, the file it
    /// adopted) left at a pinned file target.
    func start(
        _ connector: ConnectorConfig, _ payload: PushPayload, _ step: Step, targetInode: UInt64? = nil
    ) throws(CredVaultError) -> Int64 {
        try vault.database.writeTransaction { tx in
            let record = try tx.insertPush(
                connector: connector.name, forest: connector.forest, version: payload.version,
                fingerprint: payload.fingerprint, kind: payload.kind, state: step.state, step: step.step,
                error: step.error, targetInode: targetInode, at: Timestamp.now())
            try tx.countPush(forest: connector.forest)
            try vault.audit.append(step.event, in: tx)
            return record.id
        }
    }

    /// Moves row `id` through its next steps, in order, each with its event, in one
    /// transaction: steps with nothing run between them cost one commit (one WAL sync).
    func advance(_ id: Int64, _ steps: [Step]) throws(CredVaultError) {
        try vault.database.writeTransaction { tx in
            for step in steps {
                guard let row = try tx.push(id: id) else { throw CredVaultError.integrity("push row \(id) is gone") }
                try tx.updatePush(row.advanced(to: step.state, step: step.step, error: step.error, at: Timestamp.now()))
                try vault.audit.append(step.event, in: tx)
            }
        }
    }

    /// Appends one audit event on its own (a refusal worth recording).
    func record(_ draft: AuditEventDraft) throws(CredVaultError) {
        try vault.database.writeTransaction { tx in _ = try vault.audit.append(draft, in: tx) }
    }
}

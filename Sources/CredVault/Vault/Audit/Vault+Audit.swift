/// Reading and checking the audit trail. None of these changes the vault, so none is audited.
extension Vault {
    /// Calls `body` for every event matching `query`, oldest first, streaming from one read
    /// transaction (a consistent snapshot, however long the trail).
    public func forEachAuditEvent(
        matching query: AuditQuery = AuditQuery(),
        _ body: (AuditEvent) throws -> Void
    ) throws(CredVaultError) {
        try database.read { tx in
            try tx.forEachAuditRow(matching: query) { row in
                try body(row.event)
                return true
            }
        }
    }

    /// Calls `body` with the JSON lines (`AuditEvent.jsonLine` and a line break each) of every
    /// event matching `query`, oldest first, from one read transaction, in pieces of whole
    /// lines of about `piece` bytes: the caller makes one write per piece. Written straight
    /// from each row's columns into one reused buffer (`AuditJSONLine`): no `AuditEvent` and
    /// no allocation per row. The bytes are valid only during the call.
    public func forEachAuditJSONPiece(
        matching query: AuditQuery = AuditQuery(),
        piece: Int = 256 << 10,
        _ body: (UnsafeRawBufferPointer) throws -> Void
    ) throws(CredVaultError) {
        try database.read { tx in
            var writer = AuditJSONLine()
            var lines = JSONBytes(capacity: piece + (16 << 10))
            try tx.forEachAuditRow(matching: query) { row in
                writer.append(row, to: &lines)
                lines.append(UInt8(ascii: "\n"))
                if lines.count >= piece {
                    try lines.withUnsafeBytes(body)
                    lines.removeAll()
                }
                return true
            }
            if lines.count > 0 { try lines.withUnsafeBytes(body) }
        }
    }

    /// Calls `body` for every event matching `query`, oldest first, `passes` times over the
    /// same snapshot (one read transaction), with the pass's number (0, 1, …): a table sizes
    /// its columns in the first pass and prints in the second, holding one event at a time.
    public func forEachAuditEvent(
        matching query: AuditQuery = AuditQuery(),
        passes: Int,
        _ body: (_ pass: Int, AuditEvent) throws -> Void
    ) throws(CredVaultError) {
        try database.read { tx in
            for pass in 0..<passes {
                try tx.forEachAuditRow(matching: query) { row in
                    try body(pass, row.event)
                    return true
                }
            }
        }
    }

    /// Every event matching `query`, oldest first.
    public func auditEvents(matching query: AuditQuery = AuditQuery()) throws(CredVaultError) -> [AuditEvent] {
        var events: [AuditEvent] = []
        try forEachAuditEvent(matching: query) { events.append($0) }
        return events
    }

    /// Walks the whole MAC chain; with `checkpoint`, also checks the chain still reaches it.
    /// Problems are returned, not thrown: the caller decides how to report them.
    public func verifyAudit(checkpoint: AuditCheckpoint? = nil) throws(CredVaultError) -> AuditVerification {
        let verifier = AuditVerifier(key: try keys.auditKey())
        return try database.read { tx in try verifier.verify(tx, checkpoint: checkpoint) }
    }

    /// `verifyAudit`, then, when the chain holds, the rows held against it in the same
    /// snapshot (`AuditCrossCheck`): what `audit verify` reports.
    public func verifyAuditAndRows(checkpoint: AuditCheckpoint? = nil) throws(CredVaultError) -> AuditVerification {
        let verifier = AuditVerifier(key: try keys.auditKey())
        return try database.read { tx in
            let tally = TrailTally()
            let result = try verifier.verify(tx, checkpoint: checkpoint, tally: tally)
            guard result.problem == nil, let disagreement = try AuditCrossCheck.disagreement(tx, tally: tally)
            else { return result }
            return AuditVerification(count: result.count, head: result.head, problem: .rowsDisagree(disagreement))
        }
    }

    /// The head of the chain, after checking the chain: a checkpoint of a broken chain would
    /// vouch for the damage.
    public func auditCheckpoint() throws(CredVaultError) -> AuditCheckpoint {
        let result = try verifyAudit()
        if let problem = result.problem { throw .integrity("\(problem); no checkpoint taken") }
        guard let head = result.head else { throw .integrity(AuditProblem.empty.description) }
        return head
    }
}

import ArgumentParser
import CredVault

/// `audit verify --json`. Field names are part of the CLI contract (docs/audit.md).
struct AuditVerificationJSON: Encodable {
    let intact: Bool
    /// Events checked: all of them when intact, else those before the walk stopped.
    let events: Int
    let head: AuditCheckpointJSON?
    let checkpointSeq: Int64?
    let problem: String?
    let seq: Int64?
    let message: String?

    init(_ result: AuditVerification, checkpoint: AuditCheckpoint?) {
        intact = result.isIntact
        events = result.count
        head = result.head.map(AuditCheckpointJSON.init)
        checkpointSeq = checkpoint?.seq
        problem = result.problem?.kind
        seq = result.problem?.seq
        message = result.problem?.description
    }
}

import GRDB

/// One row of the `pushes` table: a push (or a restart-only run, or a rollback) of one connector.
public struct PushRecord: Sendable, Equatable {
    /// The column order `init(row:)` reads.
    static let columns = "id, connector, forest, version, fingerprint, kind, state, step, started_at, updated_at, error, target_inode, mac"
    /// Where `columns` puts the row's MAC.
    static let macIndex = 12
    static let macTag = "credvault-push-v1"

    public let id: Int64
    public let connector: String
    public let forest: String
    public let version: Int
    public let fingerprint: Fingerprint
    public let kind: PushKind
    public let state: PushState
    public let step: PushStep
    public let startedAt: String
    public let updatedAt: String
    public let error: String?
    /// The inode the write of this run left at a file target (nil: no write, exec, or older rows).
    public let targetInode: UInt64?

    init(id: Int64, connector: String, forest: String, version: Int, fingerprint: Fingerprint, kind: PushKind,
         state: PushState, step: PushStep, startedAt: String, updatedAt: String, error: String?, targetInode: UInt64?) {
        self.id = id
        self.connector = connector
        self.forest = forest
        self.version = version
        self.fingerprint = fingerprint
        self.kind = kind
        self.state = state
        self.step = step
        self.startedAt = startedAt
        self.updatedAt = updatedAt
        self.error = error
        self.targetInode = targetInode
    }

    /// This run moved on to `state` at `step`.
    func advanced(to state: PushState, step: PushStep, error: String?, at now: String) -> PushRecord {
        PushRecord(id: id, connector: connector, forest: forest, version: version, fingerprint: fingerprint, kind: kind,
                   state: state, step: step, startedAt: startedAt, updatedAt: now, error: error, targetInode: targetInode)
    }

    /// The same push, naming its version by `fingerprint` (rekey recomputes fingerprints).
    func withFingerprint(_ fingerprint: Fingerprint) -> PushRecord {
        PushRecord(id: id, connector: connector, forest: forest, version: version, fingerprint: fingerprint, kind: kind,
                   state: state, step: step, startedAt: startedAt, updatedAt: updatedAt, error: error, targetInode: targetInode)
    }

    init(row: Row) throws(CredVaultError) {
        var columns = CheckedRow(row, table: "pushes")
        id = try columns.value(0, "id")
        columns.key = String(id)
        connector = try columns.value(1, "connector")
        forest = try columns.value(2, "forest")
        version = try columns.value(3, "version")
        fingerprint = try columns.fingerprint(4, "fingerprint")
        kind = try columns.enumeration(5, "kind")
        state = try columns.enumeration(6, "state")
        step = try columns.enumeration(7, "step")
        startedAt = try columns.value(8, "started_at")
        updatedAt = try columns.value(9, "updated_at")
        error = try columns.optional(10, "error")
        targetInode = try columns.optional(11, "target_inode", as: Int64.self).map { UInt64(bitPattern: $0) }
    }

    /// The write of this row reached the target.
    var wroteTarget: Bool { !(state == .failed && step == .write) }

    /// The restart after this row's write succeeded (or was not needed).
    var restartSucceeded: Bool {
        switch state {
        case .restarted, .healthy: return true
        case .failed: return step == .health || step == .done
        case .written: return false
        }
    }
}

/// The MAC covers every column: state, step, version and fingerprint decide whether a push
/// restarts a service and what `status` claims; the id pins the row's place in the history.
extension PushRecord: AuthenticatedRow {
    func canonicalBytes(vaultID: [UInt8]) -> [UInt8] {
        var encoder = CanonicalEncoder(capacity: 256)
        encoder.append(PushRecord.macTag)
        encoder.append(vaultID)
        encoder.append(id)
        encoder.append(connector)
        encoder.append(forest)
        encoder.append(version)
        encoder.append(fingerprint.hex)
        encoder.append(kind.rawValue)
        encoder.append(state.rawValue)
        encoder.append(step.rawValue)
        encoder.append(startedAt)
        encoder.append(updatedAt)
        encoder.appendOptional(error)
        if let targetInode { encoder.append(Int64(bitPattern: targetInode)) } else { encoder.appendAbsent() }
        return encoder.bytes
    }
}

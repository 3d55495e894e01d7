import GRDB

/// One row of the `pushes` table: a push (or a restart-only run, or a rollback) of one connector.
public struct PushRecord: Sendable, Equatable {
    /// The column order `init(row:)` reads.
    static let columns = "id, connector, forest, version, fingerprint, kind, state, step, started_at, updated_at, error"

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

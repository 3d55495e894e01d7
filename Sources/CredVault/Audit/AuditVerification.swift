

/// The result of walking the chain.
public struct AuditVerification: Sendable, Equatable {
    /// Events checked before the walk stopped (all of them when `problem` is nil).
    public let count: Int
    /// The last good event.
    public let head: AuditCheckpoint?
    /// The first thing wrong, or nil when the whole chain (and the checkpoint, if given) holds.
    public let problem: AuditProblem?

    public var isIntact: Bool { problem == nil }
}

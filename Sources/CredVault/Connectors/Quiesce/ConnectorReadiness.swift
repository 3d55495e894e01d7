/// Whether one dependent of a forest can take part in a change now.
public struct ConnectorReadiness: Sendable {
    public enum State: String, Sendable {
        /// Its health check passed.
        case ready
        /// Nothing is known to be wrong, but it has no health check to ask.
        case unchecked
        /// Its target or service cannot be reached: a missing file, a failing health check.
        case unreachable
        /// Its row is tampered, or its last push failed.
        case failed
    }

    public let connector: String
    public let role: String?
    public let state: State
    /// Why it is not ready (or what the health check said), one line.
    public let reason: String
    /// Named by the caller's skip list: left out of the change, audited.
    public let skipped: Bool

    public var blocks: Bool { !skipped && (state == .unreachable || state == .failed) }
}

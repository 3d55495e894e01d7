/// How one connector's push ended.
public enum PushOutcome: String, Sendable, Codable {
    case healthy
    /// Written with --no-restart: the restart is pending.
    case written
    /// Nothing needed doing.
    case unchanged
    /// --dry-run: nothing was done.
    case planned
    case restartFailed = "restart-failed"
    case healthFailed = "health-failed"
    /// Refused or failed before the target changed (integrity, account, missing file, I/O).
    case failed
}

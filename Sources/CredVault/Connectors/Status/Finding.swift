/// One thing `doctor` found: what is wrong, in plain words, and what fixes it.
public struct Finding: Sendable, Equatable {
    public enum Kind: String, Sendable, Codable {
        case ok, noConnectors = "no-connectors", tampered, missingTarget = "missing-target", unreadableTarget = "unreadable-target"
        case stale, unknown, restartPending = "restart-pending", restartFailed = "restart-failed"
        case healthFailed = "health-failed", directoryAhead = "directory-has-unknown-password"
        case leftoverTempFiles = "leftover-temp-files"
        /// credvault holds the service paused (its pause hook ran, no resume has succeeded).
        case paused
        /// The current password is older than the maximum age (`credvault policy`).
        case passwordOverdue = "password-overdue"
    }

    public let kind: Kind
    public let connector: String?
    public let message: String
    public let remedy: Remedy?
}

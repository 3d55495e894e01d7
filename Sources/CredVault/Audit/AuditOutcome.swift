

public enum AuditOutcome: String, Sendable {
    case ok
    case failed
}

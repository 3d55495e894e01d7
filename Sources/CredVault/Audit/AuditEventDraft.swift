

/// An event as a command describes it, before the log stamps time, actor and MAC on it.
public struct AuditEventDraft: Sendable {
    public var action: AuditAction
    public var forest: String?
    public var version: Int?
    public var connector: String?
    public var outcome: AuditOutcome
    public var fingerprint: Fingerprint?
    public var reason: String?
    /// Extra facts as flat key/value text (never a secret). Stored as JSON with sorted keys.
    public var detail: [String: String]

    public init(
        action: AuditAction, forest: String? = nil, version: Int? = nil, connector: String? = nil,
        outcome: AuditOutcome = .ok, fingerprint: Fingerprint? = nil, reason: String? = nil,
        detail: [String: String] = [:]
    ) {
        self.action = action
        self.forest = forest
        self.version = version
        self.connector = connector
        self.outcome = outcome
        self.fingerprint = fingerprint
        self.reason = reason
        self.detail = detail
    }
}

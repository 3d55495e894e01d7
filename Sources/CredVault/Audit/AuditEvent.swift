/// What happened, as the audit trail names it. The raw values are stored and exported:
/// add new ones, never rename old ones.
public enum AuditAction: String, Sendable, CaseIterable {
    case initialize = "init"
    case set
    case generate
    case rollback
    case `import`
    case get
    case connectorAdd = "connector.add"
    case connectorRemove = "connector.remove"
    case pushWritten = "push.written"
    case pushRestarted = "push.restarted"
    case pushHealthy = "push.healthy"
    case pushFailed = "push.failed"
    case keySlotAdd = "keyslot.add"
    case keySlotRemove = "keyslot.remove"
    case passphraseChange = "passphrase.change"
    case rekey
    case backup
}

public enum AuditOutcome: String, Sendable {
    case ok
    case failed
}

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

/// One stored event, exactly as its MAC covers it.
public struct AuditEvent: Sendable, Equatable {
    public var seq: Int64
    public var time: String
    public var actor: String
    public var uid: Int64
    public var host: String
    public var pid: Int64
    public var action: String
    public var forest: String?
    public var version: Int?
    public var connector: String?
    public var outcome: String
    public var fingerprint: String?
    public var reason: String?
    public var detail: String?
    public var mac: [UInt8]

    /// The first field of every event's canonical bytes: names the encoding's version.
    static let canonicalTag = "credvault-audit-v1"

    /// The bytes the MAC covers: every field but the MAC, in a fixed order, length-prefixed
    /// (see docs/audit.md). `AuditRowView.appendCanonical` builds the same bytes from a row.
    var canonicalBytes: [UInt8] {
        var encoder = CanonicalEncoder(capacity: 256)
        encoder.append(AuditEvent.canonicalTag)
        encoder.append(seq)
        encoder.append(time)
        encoder.append(actor)
        encoder.append(uid)
        encoder.append(host)
        encoder.append(pid)
        encoder.append(action)
        encoder.appendOptional(forest)
        encoder.appendOptional(version)
        encoder.appendOptional(connector)
        encoder.append(outcome)
        encoder.appendOptional(fingerprint)
        encoder.appendOptional(reason)
        encoder.appendOptional(detail)
        return encoder.bytes
    }
}

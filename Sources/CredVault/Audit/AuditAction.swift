

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
    /// A vault made before row MACs got them, the first time it was unlocked.
    case rowsSeal = "rows.seal"
}

/// The action that records a version made this way.
extension AuditAction {
    init(_ source: VersionSource) {
        switch source {
        case .set: self = .set
        case .generate: self = .generate
        case .rollback: self = .rollback
        case .import: self = .import
        }
    }
}

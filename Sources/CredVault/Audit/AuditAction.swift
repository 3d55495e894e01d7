

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
    case connectorChange = "connector.change"
    case pushWritten = "push.written"
    case pushRestarted = "push.restarted"
    case pushHealthy = "push.healthy"
    case pushFailed = "push.failed"
    case keySlotAdd = "keyslot.add"
    case keySlotRemove = "keyslot.remove"
    case passphraseChange = "passphrase.change"
    case rekey
    case backup
    /// A connector's service was paused (its pause hook ran), or the pause failed.
    case pause
    /// A paused service was resumed (its resume hook ran), or the resume failed.
    case resume
    /// A connector that was not ready was left out of a change on purpose (`--skip`).
    case connectorSkip = "connector.skip"
    case directorySet = "directory.set"
    case directoryRemove = "directory.remove"
    case directoryTest = "directory.test"
    case rotatePending = "rotate.pending"
    case rotateChanged = "rotate.changed"
    case rotateVerified = "rotate.verified"
    case rotateReplicated = "rotate.replicated"
    case rotateCommitted = "rotate.committed"
    case rotatePushed = "rotate.pushed"
    case rotateAborted = "rotate.aborted"
    case rotateFailed = "rotate.failed"
    case rotateIndeterminate = "rotate.indeterminate"
    case restore
    /// A vault made before row MACs got them, the first time it was unlocked.
    case rowsSeal = "rows.seal"
    /// A maximum password age was set (detail: max_age_seconds; no forest: vault-wide).
    case policySet = "policy.set"
    /// A maximum password age was removed (no forest: the vault-wide one).
    case policyClear = "policy.clear"
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

/// The text fields of an audit event, in the order of its JSON line.
enum AuditTextField {
    case time, actor, host, action, forest, connector, outcome, fingerprint, reason, detail
}



/// What the vault knows about one password version, without the password.
public struct VersionInfo: Sendable, Equatable {
    public let forest: String
    public let account: String
    public let version: Int
    public let createdAt: String
    public let actor: String
    public let source: VersionSource
    public let reason: String?
    public let rolledBackFrom: Int?
    public let fingerprint: Fingerprint
}

extension VersionInfo {
    init(record: SecretVersionRecord) {
        self.init(
            forest: record.forest, account: record.account, version: record.version, createdAt: record.createdAt,
            actor: record.actor, source: record.source, reason: record.reason,
            rolledBackFrom: record.rolledBackFrom, fingerprint: record.fingerprint)
    }
}

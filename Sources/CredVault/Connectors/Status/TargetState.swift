/// What a connector's target holds, judged by fingerprint.
public enum TargetState: String, Sendable, Codable {
    /// The current version.
    case current
    /// An older version (`targetVersion` says which).
    case stale
    /// A password that matches no version in the vault (or, for exec, never pushed).
    case unknown
    /// The target file does not exist.
    case missing
    /// The file exists but cannot be read or parsed.
    case unreadable
    /// The connector row failed its MAC check: its target is not trusted, so not read.
    case unverified
}

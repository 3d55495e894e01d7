/// One row of `status`'s forest table.
public struct ForestStatus: Sendable {
    public let forest: String
    public let account: String
    public let currentVersion: Int
    public let fingerprint: String
    public let currentSince: String
    public let ageSeconds: Int
    /// The maximum age that applies (`MaxAgePolicy.effective`), nil when none does.
    public let maxAgeSeconds: Int?

    /// The age against the policy, as `list` shows it.
    public var age: PasswordAge { PasswordAge(since: currentSince, seconds: ageSeconds, maxSeconds: maxAgeSeconds) }
}

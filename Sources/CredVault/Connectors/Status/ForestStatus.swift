/// One row of `status`'s forest table.
public struct ForestStatus: Sendable {
    public let forest: String
    public let account: String
    public let currentVersion: Int
    public let fingerprint: String
    public let currentSince: String
    public let ageSeconds: Int
}

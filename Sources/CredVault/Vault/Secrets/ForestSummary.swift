

/// One row of `list`.
public struct ForestSummary: Sendable, Equatable {
    public let forest: String
    public let account: String
    public let currentVersion: Int
    public let updatedAt: String
}

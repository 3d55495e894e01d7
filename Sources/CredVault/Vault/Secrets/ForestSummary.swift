

/// One row of `list`.
public struct ForestSummary: Sendable, Equatable {
    public let forest: String
    public let account: String
    public let currentVersion: Int
    public let updatedAt: String
    /// The current password's age against the maximum age that applies to the forest.
    public let age: PasswordAge
}

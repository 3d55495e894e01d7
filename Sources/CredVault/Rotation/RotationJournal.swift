/// The rotation in flight for a forest, as `status` and `rotate --resume` see it (never the
/// password itself).
public struct RotationJournal: Sendable, Equatable {
    public let forest: String
    public let state: RotationState
    public let mode: RotationMode
    public let account: String
    /// The version that was current when the rotation started.
    public let baseVersion: Int
    public let reason: String?
    public let startedAt: String
    public let updatedAt: String
    public let fingerprint: Fingerprint
    /// False when the row was changed outside credvault.
    public let macValid: Bool
}

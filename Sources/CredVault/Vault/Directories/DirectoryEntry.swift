/// A forest's directory as stored, with the verdict of its row MAC.
public struct DirectoryEntry: Sendable, Equatable {
    public let config: DirectoryConfig
    /// False when the row was changed outside credvault: it is never bound to or changed through.
    public let macValid: Bool
}

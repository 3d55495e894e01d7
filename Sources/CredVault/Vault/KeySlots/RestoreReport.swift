/// What `restore` did.
public struct RestoreReport: Sendable, Equatable {
    /// The head of the backup's audit chain (the restored vault continues from it).
    public let backupHeadSeq: Int64
    /// The head of the vault that was replaced, nil when there was none.
    public let replacedHeadSeq: Int64?
    /// Events of the replaced vault that the backup does not hold (0 unless forced).
    public let lostEvents: Int
    /// Where the replaced vault was kept, with its own `restore` event, nil when there was none.
    public let keptAside: String?
}

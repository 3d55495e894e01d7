import GRDB

/// One row of `connector_pauses`: a service credvault paused and has not resumed yet.
public struct PauseRecord: Sendable, Equatable {
    /// The column order `init(row:)` reads.
    static let columns = "connector, forest, cause, since, updated_at, error"

    public let connector: String
    public let forest: String
    public let cause: PauseCause
    /// When the pause hook returned.
    public let since: String
    public let updatedAt: String
    /// The last resume attempt's failure, when one failed.
    public let error: String?

    init(row: Row) throws(CredVaultError) {
        var columns = CheckedRow(row, table: "connector_pauses")
        connector = try columns.value(0, "connector")
        columns.key = connector
        forest = try columns.value(1, "forest")
        cause = try columns.enumeration(2, "cause")
        since = try columns.value(3, "since")
        updatedAt = try columns.value(4, "updated_at")
        error = try columns.optional(5, "error")
    }
}

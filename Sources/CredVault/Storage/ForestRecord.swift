import GRDB

/// A `forests` row: the account whose password the vault keeps, and its current version.
struct ForestRecord {
    /// The column order `init(row:)` reads.
    static let columns = "name, account, current_version, created_at, updated_at"

    var name: String
    var account: String
    var currentVersion: Int
    var createdAt: String
    var updatedAt: String

    init(name: String, account: String, currentVersion: Int, createdAt: String, updatedAt: String) {
        self.name = name
        self.account = account
        self.currentVersion = currentVersion
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    /// Read by position with checked conversions (every command reads a forest row: no
    /// Codable machinery, no lookup by column name).
    init(row: Row) throws(CredVaultError) {
        var columns = CheckedRow(row, table: "forests")
        name = try columns.value(0, "name")
        columns.key = name
        account = try columns.value(1, "account")
        currentVersion = try columns.value(2, "current_version")
        createdAt = try columns.value(3, "created_at")
        updatedAt = try columns.value(4, "updated_at")
    }
}

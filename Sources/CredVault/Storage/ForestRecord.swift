import GRDB

/// A `forests` row: the account whose password the vault keeps, and its current version.
struct ForestRecord {
    /// The column order `init(row:)` reads.
    static let columns = "name, account, current_version, created_at, updated_at, push_count, connector_count, mac"
    /// Where `columns` puts the row's MAC.
    static let macIndex = 7
    static let macTag = "credvault-forest-v1"

    var name: String
    var account: String
    var currentVersion: Int
    var createdAt: String
    var updatedAt: String
    /// How many `pushes` rows name this forest: a deleted push row (which could make
    /// `status` show an older, better outcome) no longer adds up. Nil only before a legacy
    /// vault is sealed.
    var pushCount: Int?
    /// How many connectors serve this forest: a connector deleted, or moved to another forest
    /// by editing its forest column, no longer adds up. Nil only before a legacy vault is sealed.
    var connectorCount: Int?

    init(name: String, account: String, currentVersion: Int, createdAt: String, updatedAt: String,
         pushCount: Int? = 0, connectorCount: Int? = 0) {
        self.name = name
        self.account = account
        self.currentVersion = currentVersion
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.pushCount = pushCount
        self.connectorCount = connectorCount
    }

    /// Read by position with checked conversions (every command reads a forest row: no
    /// Codable machinery, no lookup by column name).
    init(row: Row) throws(CredVaultError) {
        try self.init(columns: CheckedRow(row, table: "forests"))
    }

    /// The same read from a raw statement's row (`StatementRow`) or a GRDB `Row`.
    init(columns: some CheckedColumns) throws(CredVaultError) {
        var columns = columns
        name = try columns.text(0, "name")
        columns.key = name
        account = try columns.text(1, "account")
        currentVersion = try columns.integer(2, "current_version")
        createdAt = try columns.text(3, "created_at")
        updatedAt = try columns.text(4, "updated_at")
        pushCount = try columns.optionalInteger(5, "push_count")
        connectorCount = try columns.optionalInteger(6, "connector_count")
    }
}

/// The MAC covers every column: the account and the current-version pointer decide what
/// `get` and `push` serve; versions are numbered 1...current_version without a gap, so the
/// pointer is also the forest's version count.
extension ForestRecord: AuthenticatedRow {
    func canonicalBytes(vaultID: [UInt8]) -> [UInt8] {
        var encoder = CanonicalEncoder(capacity: 160)
        encoder.append(ForestRecord.macTag)
        encoder.append(vaultID)
        encoder.append(name)
        encoder.append(account)
        encoder.append(currentVersion)
        encoder.append(createdAt)
        encoder.append(updatedAt)
        encoder.appendOptional(pushCount)
        encoder.appendOptional(connectorCount)
        return encoder.bytes
    }
}

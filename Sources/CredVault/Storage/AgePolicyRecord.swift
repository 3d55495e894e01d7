import GRDB

/// An `age_policies` row: the maximum password age of one forest, or (scope `*`) the
/// vault-wide default, which also counts the per-forest rows so a deleted one is seen.
struct AgePolicyRecord: Equatable {
    /// The scope of the vault-wide row: not a DNS name, so no forest can take it.
    static let vaultScope = "*"
    /// The column order `init(row:)` reads and `arguments` binds.
    static let columns = "scope, max_age_seconds, forest_count, updated_at, mac"
    /// Where `columns` puts the row's MAC.
    static let macIndex = 4
    static let macTag = "credvault-age-policy-v1"

    /// A forest name, or `vaultScope`.
    var scope: String
    /// Nil only on the vault-wide row when no vault-wide maximum is set.
    var maxAgeSeconds: Int?
    /// On the vault-wide row: how many per-forest rows there are. Nil on a forest's row.
    var forestCount: Int?
    var updatedAt: String

    init(scope: String, maxAgeSeconds: Int?, forestCount: Int?, updatedAt: String) {
        self.scope = scope
        self.maxAgeSeconds = maxAgeSeconds
        self.forestCount = forestCount
        self.updatedAt = updatedAt
    }

    init(row: Row) throws(CredVaultError) {
        var columns = CheckedRow(row, table: "age_policies")
        scope = try columns.value(0, "scope")
        columns.key = scope
        maxAgeSeconds = try columns.optional(1, "max_age_seconds")
        forestCount = try columns.optional(2, "forest_count")
        updatedAt = try columns.value(3, "updated_at")
        let vaultWide = scope == AgePolicyRecord.vaultScope
        // A forest row without an age, or a count on a forest row, is never written.
        if !vaultWide && maxAgeSeconds == nil { throw columns.malformed("max_age_seconds") }
        if vaultWide != (forestCount != nil) { throw columns.malformed("forest_count") }
    }

    var isVaultWide: Bool { scope == AgePolicyRecord.vaultScope }
}

/// The MAC covers every column: the age decides the verdict, the count pins the row set.
extension AgePolicyRecord: AuthenticatedRow {
    func canonicalBytes(vaultID: [UInt8]) -> [UInt8] {
        var encoder = CanonicalEncoder(capacity: 128)
        encoder.append(AgePolicyRecord.macTag)
        encoder.append(vaultID)
        encoder.append(scope)
        encoder.appendOptional(maxAgeSeconds)
        encoder.appendOptional(forestCount)
        encoder.append(updatedAt)
        return encoder.bytes
    }
}

/// Checks on sets of rows that row MACs alone cannot see: a deleted row leaves every other
/// MAC valid. Versions are numbered 1...current_version without a gap (none is ever
/// deleted), and a forest's MAC covers how many push rows name it.
enum RowSets {
    /// Nil when `forest`'s versions are exactly 1...current_version; else what is wrong.
    static func versionGap(_ tx: StoreTransaction, forest: ForestRecord) throws -> String? {
        try versionGap(tx.versionStamps(of: forest.name).map(\.version), forest: forest)
    }

    static func versionGap(_ numbers: [Int], forest: ForestRecord) -> String? {
        if numbers == Array(stride(from: 1, through: forest.currentVersion, by: 1)) { return nil }
        let missing = (1...max(forest.currentVersion, 1)).first { !numbers.contains($0) }
        if let missing, forest.currentVersion > 0 {
            return "forest \(forest.name) is at version \(forest.currentVersion) but its version \(missing) is gone"
        }
        let extra = numbers.first { $0 > forest.currentVersion } ?? numbers.last ?? 0
        return "forest \(forest.name) is at version \(forest.currentVersion) but holds a version \(extra) it never recorded"
    }

    /// Throws unless `versions` (of `forest`, oldest first) are exactly 1...current_version.
    static func requireComplete(_ versions: [Int], forest: ForestRecord) throws(CredVaultError) {
        if let gap = versionGap(versions, forest: forest) { throw .integrity(gap + " (rows changed outside credvault)") }
    }

    /// Throws unless the push rows naming `forest` are as many as its MAC says, each with
    /// its own MAC intact (a row moved to another connector is caught here too).
    static func requirePushCount(_ tx: StoreTransaction, forest name: String) throws {
        guard let forest = try tx.forest(named: name) else { return }
        let count = try tx.pushes(forest: name).count
        guard forest.pushCount == count else {
            throw CredVaultError.integrity(
                "forest \(name) has \(count) push rows but the vault recorded \(forest.pushCount ?? 0) "
                    + "(push history deleted or added outside credvault)")
        }
    }

    /// Throws unless every forest (or only `only`) has as many connectors as its MAC says.
    static func requireConnectorCounts(_ tx: StoreTransaction, only: String? = nil) throws {
        let counts = try tx.connectorCounts()
        let forests = try only.map { name in try tx.forest(named: name).map { [$0] } ?? [] } ?? tx.allForests()
        for forest in forests where forest.connectorCount != (counts[forest.name] ?? 0) {
            throw CredVaultError.integrity(
                "forest \(forest.name) has \(counts[forest.name] ?? 0) connector rows but the vault recorded "
                    + "\(forest.connectorCount ?? 0) (a connector deleted or moved outside credvault)")
        }
        if only == nil, let stray = counts.keys.sorted().first(where: { name in !forests.contains { $0.name == name } }) {
            throw CredVaultError.integrity("connector rows name forest \(stray), which the vault does not have")
        }
    }

    /// Throws unless the vault-wide policy row counts exactly the per-forest rows there are
    /// (a forest's maximum age deleted outside credvault would otherwise just vanish).
    static func requireAgePolicyCount(vaultRow: AgePolicyRecord?, forestRows: [AgePolicyRecord]) throws(CredVaultError) {
        let recorded = vaultRow?.forestCount ?? 0
        guard recorded == forestRows.count, vaultRow != nil || forestRows.isEmpty else {
            let what = vaultRow == nil ? "its vault-wide policy row is gone" : "the vault recorded \(recorded)"
            throw .integrity(
                "the vault has \(forestRows.count) per-forest maximum password ages but \(what) "
                    + "(policy rows deleted or added outside credvault)")
        }
    }
}

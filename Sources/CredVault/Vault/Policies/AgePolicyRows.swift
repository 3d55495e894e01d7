/// The `age_policies` rows of one transaction, checked as a set: each row's MAC as it is
/// read, and the vault-wide row's count of forest rows (`RowSets.requireAgePolicyCount`).
struct AgePolicyRows {
    let vaultRow: AgePolicyRecord?
    let forestRows: [AgePolicyRecord]

    init(_ tx: StoreTransaction) throws {
        let rows = try tx.allAgePolicies()
        vaultRow = rows.first(where: \.isVaultWide)
        forestRows = rows.filter { !$0.isVaultWide }
        try RowSets.requireAgePolicyCount(vaultRow: vaultRow, forestRows: forestRows)
    }

    var vaultWide: Int? { vaultRow?.maxAgeSeconds }

    var forests: [String: Int] {
        Dictionary(uniqueKeysWithValues: forestRows.compactMap { row in row.maxAgeSeconds.map { (row.scope, $0) } })
    }

    var policy: MaxAgePolicy { MaxAgePolicy(vaultWide: vaultWide, forests: forests) }

    /// Writes `seconds` (nil: removes it) for `forest` (nil: vault-wide), keeping the
    /// vault-wide row's count right; the vault-wide row goes once it holds nothing.
    func writing(_ seconds: Int?, forest: String?, now: String, in tx: StoreTransaction) throws {
        var count = forestRows.count
        var vaultAge = vaultWide
        if let forest {
            let had = forestRows.contains { $0.scope == forest }
            if let seconds {
                try tx.upsertAgePolicy(AgePolicyRecord(scope: forest, maxAgeSeconds: seconds, forestCount: nil, updatedAt: now))
                if !had { count += 1 }
            } else if had {
                try tx.deleteAgePolicy(scope: forest)
                count -= 1
            }
        } else {
            vaultAge = seconds
        }
        if vaultAge == nil && count == 0 {
            try tx.deleteAgePolicy(scope: AgePolicyRecord.vaultScope)
        } else {
            try tx.upsertAgePolicy(AgePolicyRecord(
                scope: AgePolicyRecord.vaultScope, maxAgeSeconds: vaultAge, forestCount: count, updatedAt: now))
        }
    }
}

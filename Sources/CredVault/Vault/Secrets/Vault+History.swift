/// The push history of a forest, shown beside its versions.
extension Vault {
    /// Every push of `forest`'s versions to its connectors, oldest first: what `history`
    /// shows beside each version (to which connectors it went, when, and how it ended).
    public func pushes(forest rawForest: String) throws(CredVaultError) -> [PushRecord] {
        let forest = try Validation.forest(rawForest)
        return try database.read { tx in
            try RowSets.requirePushCount(tx, forest: forest)
            return try tx.pushes(forest: forest)
        }
    }
}

import GRDB

extension Vault {
    /// Every push of `forest`'s versions to its connectors, oldest first: what `history`
    /// shows beside each version (to which connectors it went, when, and how it ended).
    public func pushes(forest rawForest: String) throws(CredVaultError) -> [PushRecord] {
        let forest = try Validation.forest(rawForest)
        return try database.read { db in
            guard try db.tableExists("pushes") else { return [] }
            return try Row.fetchAll(db, sql: "SELECT * FROM pushes WHERE forest = ? ORDER BY id", arguments: [forest])
                .map(PushRecord.init(row:))
        }
    }
}

/// Changing a connector in place (`connector change`), instead of remove and add again.
extension Vault {
    /// Replaces connector `name`'s configuration with `change(current)`, checked as
    /// `addConnector` checks a new one, in one transaction with a `connector.change` event
    /// naming each field that changed (old and new). Its push history stays. A row that fails
    /// its MAC check is refused: its old values cannot be trusted to start from.
    @discardableResult
    public func changeConnector(
        named name: String, _ change: (inout ConnectorConfig) throws(CredVaultError) -> Void
    ) throws(CredVaultError) -> (connector: ConnectorConfig, changed: [String]) {
        let entry = try connector(named: name)
        guard entry.macValid else { throw .connectorTampered(connector: entry.config.name) }
        var proposed = entry.config
        try change(&proposed)
        proposed.name = entry.config.name
        var connector = try validatedConnector(proposed)
        connector.createdAt = entry.config.createdAt
        var record = try ConnectorRecord(connector)
        record.mac = try record.computeMAC(key: keys.config, vaultID: vaultID)
        let before = Vault.auditDetail(of: entry.config).merging(["forest": entry.config.forest]) { $1 }
        let after = Vault.auditDetail(of: connector).merging(["forest": connector.forest]) { $1 }
        let changed = Set(before.keys).union(after.keys).filter { before[$0] != after[$0] }.sorted()
        guard !changed.isEmpty else { return (connector, []) }
        var detail: [String: String] = [:]
        for key in changed {
            detail[key] = after[key] ?? "(none)"
            detail["previous_\(key)"] = before[key] ?? "(none)"
        }
        let final = connector
        try database.writeTransaction { tx in
            guard try tx.forestExists(final.forest) else { throw CredVaultError.missing(.forestForConnector(final.forest)) }
            guard let previousForest = try tx.connectorForest(named: final.name) else {
                throw CredVaultError.missing(.connector(final.name))
            }
            try tx.deleteConnector(named: final.name)
            try tx.insertConnector(record)
            // Each forest's row counts its connectors (and its MAC covers the count).
            if previousForest != final.forest {
                try tx.countConnector(forest: previousForest, by: -1)
                try tx.countConnector(forest: final.forest, by: 1)
            }
            try self.audit.append(AuditEventDraft(
                action: .connectorChange, forest: final.forest, connector: final.name, detail: detail), in: tx)
        }
        return (connector, changed)
    }
}

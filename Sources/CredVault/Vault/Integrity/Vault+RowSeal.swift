/// Row MACs on open: a sealed vault's header and key slots are checked right after unlock,
/// before a command reads anything else; a vault made before row MACs is sealed then.
extension Vault {
    /// Checks the header and every key slot read to unlock (their label, time and key check
    /// are not covered by the slot's AEAD), or seals a vault that has no row MACs yet.
    func authenticateStoredState(header: VaultHeader, slots: [KeySlot]) throws(CredVaultError) {
        guard let rows = database.rows else { throw .crypto("the vault's row key is missing") }
        guard let stored = header.rowsMAC else {
            try sealLegacyRows()
            return
        }
        try rows.verify(header, stored: stored, table: "vault_meta", key: "1")
        for slot in slots { try rows.verify(slot, stored: slot.storedMAC, table: "key_slots", key: slot.id) }
    }

    /// MACs every row of a vault migrated from format v2, in one audited transaction.
    ///
    /// Refused (65, nothing written) when the audit trail already records a seal (the
    /// header's seal was removed: tampering, not an old vault), when the chain is broken,
    /// or when the rows disagree with it (a current-version pointer moved back, a version
    /// or connector deleted): sealing must not vouch for an edit made before it.
    func sealLegacyRows() throws(CredVaultError) {
        let verifier = AuditVerifier(key: try keys.auditKey())
        try database.writeTransaction { tx in
            guard let header = try tx.header() else { throw CredVaultError.integrity("\(self.path) has no vault header") }
            if let stored = header.rowsMAC {
                // Another process sealed it since this one read the header.
                try tx.rows?.verify(header, stored: stored, table: "vault_meta", key: "1")
                return
            }
            if try tx.auditRecordsRowSeal() { throw CredVaultError.rowTampered(table: "vault_meta", key: "1") }
            if let problem = try verifier.verify(tx).problem {
                throw CredVaultError.integrity("refusing to add row MACs to this vault: \(problem)")
            }
            let unchecked = StoreTransaction(db: tx.db)
            if let disagreement = try AuditCrossCheck.disagreement(unchecked) {
                throw CredVaultError.integrity("refusing to add row MACs to this vault: \(disagreement)")
            }
            let detail = try Vault.macLegacyRows(tx)
            try tx.sealHeader(header)
            try self.audit.append(AuditEventDraft(action: .rowsSeal, detail: detail), in: tx)
        }
    }

    /// Stores a MAC for every row that has none; returns how many of each kind it MACed.
    private static func macLegacyRows(_ tx: StoreTransaction) throws -> [String: String] {
        let forests = try tx.forestsWithoutMAC()
        for var forest in forests {
            forest.pushCount = try tx.pushCount(forest: forest.name)
            forest.connectorCount = try tx.connectorCounts()[forest.name] ?? 0
            try tx.upsertForest(forest)
        }
        let versions = try tx.versionsWithoutMAC()
        for version in versions { try tx.updateVersionMAC(version) }
        let pushes = try tx.pushesWithoutMAC()
        for push in pushes { try tx.updatePushMAC(push) }
        let slots = try tx.slotsWithoutMAC()
        for slot in slots { try tx.updateKeySlotMAC(slot) }
        return ["forests": String(forests.count), "versions": String(versions.count),
                "pushes": String(pushes.count), "key_slots": String(slots.count)]
    }
}

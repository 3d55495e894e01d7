import Foundation

/// Rekey: a new master key, in one transaction, in the steps below.
extension Vault {
    /// Makes a new master key and, in one transaction: re-encrypts every version under it
    /// (key generation + 1, fingerprints recomputed with the new fingerprint key, in the push
    /// rows too, so connectors keep their state and nothing restarts), re-wraps the
    /// slot `credential` opens, removes every other slot (their key-encryption keys are not
    /// here to re-wrap them), re-MACs connector rows and the audit chain, and records `rekey`.
    ///
    /// The audit chain is verified under the old key first: a rekey never launders a broken
    /// chain. After a rekey this `Vault` still holds the retired keys: open the vault again.
    public func rekey(
        credential: borrowing UnlockCredential,
        progress: ((_ done: Int, _ total: Int) -> Void)? = nil
    ) throws(CredVaultError) -> RekeyReport {
        let opened = try slotOpened(by: credential)
        let keptSlot = opened.slot
        let newKeys = try VaultKeys(master: try SymmetricKey.random())
        let newAudit = AuditLog(key: try newKeys.auditKey(), identity: identity)
        let oldVerifier = AuditVerifier(key: try keys.auditKey())
        let newGeneration = keyGeneration + 1
        let rewrapped = try rewrap(keptSlot, under: opened.kek, newMaster: newKeys.master)

        let newRows = RowAuthenticator(key: try newKeys.config.copy(), vaultID: vaultID)
        let report = try database.writeTransaction { tx -> RekeyReport in
            // Rows are read (and checked) under the old key through `tx`, written under the new one through `rekeyed`.
            let rekeyed = StoreTransaction(db: tx.db, rows: newRows)
            let previousHead = try self.checkRekeyCanStart(tx, verifier: oldVerifier)
            let fingerprints = try self.resealVersions(
                tx, into: rekeyed, under: newKeys, generation: newGeneration, progress: progress)
            let versions = fingerprints.values.reduce(0) { $0 + $1.count }
            let removed = try self.keepOnly(rewrapped, tx, into: rekeyed)
            try Vault.remacRows(tx, into: rekeyed, generation: newGeneration, fingerprints: fingerprints)
            try Vault.remacConnectorRows(tx, oldConfigKey: self.keys.config, newConfigKey: newKeys.config, vaultID: self.vaultID)
            try Vault.remacDirectoryRows(tx, oldConfigKey: self.keys.config, newConfigKey: newKeys.config, vaultID: self.vaultID)
            let remaced = try Vault.remacAuditChain(tx, under: newAudit, anchoringIn: rekeyed)
            var detail = [
                "key_generation": String(newGeneration),
                "versions": String(versions),
                "kept_slot": keptSlot.id,
                "previous_head": "seq=\(previousHead.seq) mac=\(previousHead.macHex)",
                "audit_events_remaced": String(remaced),
            ]
            if !removed.isEmpty { detail["removed_slots"] = removed.map(\.id).joined(separator: ",") }
            // Through `rekeyed`: the head anchor is MACed under the new key by now.
            let event = try newAudit.append(AuditEventDraft(action: .rekey, detail: detail), in: rekeyed)
            return RekeyReport(
                keyGeneration: newGeneration, versions: versions, auditEvents: remaced + 1,
                kept: KeySlotInfo(rewrapped), removed: removed.map(KeySlotInfo.init),
                checkpoint: AuditCheckpoint(seq: event.seq, mac: event.mac))
        }
        Log.vault.info("rekeyed", metadata: [
            "key_generation": "\(report.keyGeneration)", "versions": "\(report.versions)",
            "removed_slots": "\(report.removed.count)"])
        return report
    }

    /// A slot and the key-encryption key that opens it (which re-wraps the new master key).
    private struct OpenedSlot: ~Copyable {
        let slot: KeySlot
        let kek: SymmetricKey
    }

    /// The slot the presented credential opens.
    private func slotOpened(by credential: borrowing UnlockCredential) throws(CredVaultError) -> OpenedSlot {
        let stored = try database.read { tx in try tx.keySlots() }
        for slot in stored where slot.kind == credential.kind {
            guard let kek = try credential.keyEncryptionKey(for: slot) else { continue }
            if try slot.unwrap(with: kek, vaultID: vaultID) != nil { return OpenedSlot(slot: slot, kek: kek) }
        }
        throw .unlockFailed("the credential given does not open any key slot of this vault")
    }

    /// `slot` with the new master key sealed in it under its own key-encryption key.
    private func rewrap(_ slot: KeySlot, under kek: borrowing SymmetricKey, newMaster: borrowing SymmetricKey) throws(CredVaultError) -> KeySlot {
        KeySlot(
            id: slot.id, kind: slot.kind, label: slot.label, createdAt: slot.createdAt, kdf: slot.kdf, salt: slot.salt,
            sealedMasterKey: try AEAD.seal(
                newMaster.bytes, using: kek,
                associatedData: KeySlot.associatedData(
                    vaultID: vaultID, slotID: slot.id, kind: slot.kind, kdf: slot.kdf, salt: slot.salt)),
            keyCheck: slot.keyCheck)
    }

    /// Refuses a vault rekeyed since it was opened, or whose chain is broken; returns the head.
    private func checkRekeyCanStart(_ tx: StoreTransaction, verifier: AuditVerifier) throws -> AuditCheckpoint {
        if let pending = try tx.allRotations().first {
            throw CredVaultError.rotation(.alreadyPending(forest: pending.forest, since: pending.startedAt))
        }
        guard try tx.keyGeneration() == keyGeneration else {
            throw CredVaultError.busy("the vault was rekeyed by another process since it was opened; nothing was changed, run rekey again")
        }
        let check = try verifier.verify(tx)
        if let problem = check.problem {
            throw CredVaultError.integrity("refusing to rekey: \(problem); a rekey would re-MAC the damage away")
        }
        return check.head!
    }

    /// Decrypts every version under the old key and seals it under the new one; returns the
    /// new fingerprints (one per version).
    private func resealVersions(
        _ tx: StoreTransaction, into rekeyed: StoreTransaction, under newKeys: VaultKeys, generation: Int,
        progress: ((Int, Int) -> Void)?
    ) throws -> NewFingerprints {
        var newFingerprints: NewFingerprints = [:]
        let records = try tx.allVersions()
        for (index, record) in records.enumerated() {
            let password = try decrypt(record)
            let aad = secretAssociatedData(
                forest: record.forest, account: record.account, version: record.version, keyGeneration: generation)
            let sealed = try AEAD.seal(password, using: newKeys.secrets, associatedData: aad)
            let fingerprint = try Fingerprint.compute(forest: record.forest, password: password, key: newKeys.fingerprint)
            var resealed = record
            resealed.sealed = sealed
            resealed.fingerprint = fingerprint
            resealed.keyGeneration = generation
            try rekeyed.reseal(resealed)
            // Push rows compare by fingerprint: without the new one every connector looks restart-pending.
            newFingerprints[record.forest, default: [:]][record.version] = fingerprint
            let done = index + 1
            if done % 64 == 0 || done == records.count { progress?(done, records.count) }
        }
        return newFingerprints
    }

    /// Each resealed version's fingerprint under the new key, by forest, then version.
    typealias NewFingerprints = [String: [Int: Fingerprint]]

    /// Keeps only the re-wrapped slot; returns the slots removed. Read inside the transaction:
    /// a slot added since the vault was opened is reported like the rest.
    private func keepOnly(_ kept: KeySlot, _ tx: StoreTransaction, into rekeyed: StoreTransaction) throws -> [KeySlot] {
        let current = try tx.keySlots()
        guard current.contains(where: { $0.id == kept.id }) else {
            throw CredVaultError.busy("key slot \(kept.id) was removed by another process since the vault was opened; nothing was changed")
        }
        try rekeyed.replaceAllSlots(with: kept)
        return current.filter { $0.id != kept.id }
    }

    /// Re-MACs forest, push and age-policy rows and the header (with the new key generation) under the
    /// new config key; each row was checked under the old one as it was read. Push rows get
    /// their version's new fingerprint in the same write (ops' rule: rekey keeps push state).
    static func remacRows(
        _ tx: StoreTransaction, into rekeyed: StoreTransaction, generation: Int, fingerprints: NewFingerprints
    ) throws {
        for forest in try tx.allForests() { try rekeyed.upsertForest(forest) }
        for policy in try tx.allAgePolicies() { try rekeyed.upsertAgePolicy(policy) }
        for push in try tx.allPushes() {
            try rekeyed.refingerprintPush(push.withFingerprint(fingerprints[push.forest]?[push.version] ?? push.fingerprint))
        }
        guard let header = try tx.header() else { throw CredVaultError.integrity("the vault has no header") }
        try rekeyed.sealHeader(header.withKeyGeneration(generation))
    }

    /// Re-MACs connector rows under the new config key, inside the rekey transaction.
    ///
    /// A row that does not verify under the old key was edited behind the vault's back:
    /// re-MACing it would launder the edit, so rekey refuses and changes nothing.
    static func remacConnectorRows(
        _ tx: StoreTransaction, oldConfigKey: borrowing SymmetricKey, newConfigKey: borrowing SymmetricKey, vaultID: [UInt8]
    ) throws {
        for record in try tx.connectors() {
            guard try record.macMatches(record.mac, key: oldConfigKey, vaultID: vaultID) else {
                throw CredVaultError.integrity(
                    "connector \(record.name) fails its integrity check (edited in the database); nothing was re-keyed")
            }
            try tx.updateConnectorMAC(named: record.name, to: try record.computeMAC(key: newConfigKey, vaultID: vaultID))
        }
    }

    /// Every audit MAC recomputed under the new audit key, in seq order; returns the count.
    /// The head anchor follows the head's new MAC, written through `anchorTx` (the rekey's
    /// new row key; `tx` when nil), sealed or not as it was: the chain was verified, anchor
    /// included, before this runs.
    static func remacAuditChain(
        _ tx: StoreTransaction, under newAudit: AuditLog, anchoringIn anchorTx: StoreTransaction? = nil
    ) throws -> Int {
        let anchor = try tx.storedAuditAnchor()
        var newMACs: [(seq: Int64, mac: [UInt8])] = []
        var previous = AuditLog.genesisMAC
        try tx.forEachAuditRow { row in
            let mac = try newAudit.mac(of: row.event, after: previous)
            newMACs.append((row.seq, mac))
            previous = mac
            return true
        }
        try tx.updateAuditMACs(newMACs)
        if let anchor, let head = newMACs.last {
            try (anchorTx ?? tx).updateAuditAnchor(AuditHeadAnchor(seq: head.seq, eventMAC: head.mac), sealed: anchor.mac != nil)
        }
        return newMACs.count
    }
}

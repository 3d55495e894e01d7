import Foundation

/// The rotation journal: each step's row change commits with its audit event, and the
/// pending password is sealed like a version (its own associated data) before it is used.
extension Vault {
    static let pendingFormatTag = "credvault-pending-v1"

    /// The associated data of a pending password: it opens only in its own journal row.
    func pendingAssociatedData(forest: String, account: String, baseVersion: Int, startedAt: String, keyGeneration: Int) -> [UInt8] {
        var encoder = CanonicalEncoder()
        encoder.append(Vault.pendingFormatTag)
        encoder.append(vaultID)
        encoder.append(forest)
        encoder.append(account)
        encoder.append(baseVersion)
        encoder.append(startedAt)
        encoder.append(keyGeneration)
        return encoder.bytes
    }

    /// Stores `password` as `forest`'s pending rotation (audited `rotate.pending`), refusing
    /// when one is pending already or the forest moved on from `baseVersion`. Committed (WAL,
    /// synchronous FULL) before the caller sends anything to the directory.
    func beginRotation(
        forest: String, account: String, baseVersion: Int, mode: RotationMode, source: VersionSource, reason: String?,
        password: borrowing SecureBytes, detail: [String: String]
    ) throws(CredVaultError) -> RotationJournal {
        try FreeText.check(reason, what: "reason")
        try Validation.password(password)
        let fingerprint = try fingerprint(forest: forest, password: password)
        let now = Timestamp.now()
        let sealed = try AEAD.seal(password, using: keys.secrets, associatedData: pendingAssociatedData(
            forest: forest, account: account, baseVersion: baseVersion, startedAt: now, keyGeneration: keyGeneration))
        var record = RotationRecord(
            forest: forest, state: .pending, mode: mode, source: source, account: account, baseVersion: baseVersion,
            reason: reason, startedAt: now, sealed: sealed, fingerprint: fingerprint, keyGeneration: keyGeneration)
        record.mac = try record.computeMAC(key: keys.config, vaultID: vaultID)
        let final = record
        try database.writeTransaction { tx in
            if let existing = try tx.rotation(forest: forest) {
                throw CredVaultError.rotation(.alreadyPending(forest: forest, since: existing.startedAt))
            }
            let current = try tx.forest(named: forest)?.currentVersion
            if current != baseVersion {
                throw CredVaultError.versionConflict(forest: forest, current: current ?? 0, expected: baseVersion)
            }
            try tx.insertRotation(final)
            try self.audit.append(AuditEventDraft(
                action: .rotatePending, forest: forest, version: baseVersion, fingerprint: fingerprint, reason: reason,
                detail: detail.merging(["mode": mode.rawValue]) { $1 }), in: tx)
        }
        return final.journal(macValid: true)
    }

    /// The rotation in flight for `forest`, or nil.
    public func pendingRotation(forest rawForest: String) throws(CredVaultError) -> RotationJournal? {
        let forest = try Validation.forest(rawForest)
        guard let record = try database.read({ tx in try tx.rotation(forest: forest) }) else { return nil }
        return record.journal(macValid: try record.macMatches(record.mac, key: keys.config, vaultID: vaultID))
    }

    /// Every rotation in flight, by forest (what `status` shows).
    public func pendingRotations() throws(CredVaultError) -> [RotationJournal] {
        let records = try database.read { tx in try tx.allRotations() }
        var journals: [RotationJournal] = []
        for record in records { journals.append(record.journal(macValid: try record.macMatches(record.mac, key: keys.config, vaultID: vaultID))) }
        return journals
    }

    /// The pending password, from a row whose MAC verifies.
    func pendingPassword(forest: String) throws(CredVaultError) -> SecureBytes {
        let record = try database.read { tx in try self.checkedRotation(tx, forest: forest) }
        let aad = pendingAssociatedData(
            forest: forest, account: record.account, baseVersion: record.baseVersion, startedAt: record.startedAt,
            keyGeneration: record.keyGeneration)
        guard let password = try AEAD.open(record.sealed, using: keys.secrets, associatedData: aad) else {
            throw .rotation(.journalTampered(forest: forest))
        }
        return password
    }

    /// Moves the journal to `state` with its audit event (`rotate.changed`, `rotate.verified`, …).
    func advanceRotation(
        forest: String, to state: RotationState, action: AuditAction, detail: [String: String]
    ) throws(CredVaultError) {
        try database.writeTransaction { tx in
            var record = try self.checkedRotation(tx, forest: forest)
            record.state = state
            record.updatedAt = Timestamp.now()
            try tx.updateRotation(
                forest: forest, state: state, updatedAt: record.updatedAt,
                mac: try record.computeMAC(key: self.keys.config, vaultID: self.vaultID))
            try self.audit.append(AuditEventDraft(
                action: action, forest: forest, version: record.baseVersion, fingerprint: record.fingerprint,
                detail: detail), in: tx)
        }
    }

    /// Records a rotation event that changes no row (`rotate.replicated`, `rotate.pushed`, a failure).
    func recordRotationEvent(_ draft: AuditEventDraft) throws(CredVaultError) {
        try database.writeTransaction { tx in try self.audit.append(draft, in: tx) }
    }

    /// The pending password becomes the forest's next version and the journal is cleared, in
    /// one transaction with the version's own event and `rotate.committed`.
    func commitRotation(forest: String, detail: [String: String]) throws(CredVaultError) -> VersionInfo {
        let password = try pendingPassword(forest: forest)
        return try database.writeTransaction { tx in
            let record = try self.checkedRotation(tx, forest: forest)
            let info = try self.appendVersion(
                tx, forest: forest, account: record.account, password: password, source: record.source,
                fingerprint: record.fingerprint, expectVersion: record.baseVersion, reason: record.reason, rolledBackFrom: nil)
            try tx.deleteRotation(forest: forest)
            try self.audit.append(AuditEventDraft(
                action: .rotateCommitted, forest: forest, version: info.version, fingerprint: info.fingerprint,
                reason: record.reason, detail: detail), in: tx)
            return info
        }
    }

    /// Drops a pending password the directory proved unused (audited `rotate.aborted`).
    func abortRotation(forest: String, detail: [String: String]) throws(CredVaultError) {
        try database.writeTransaction { tx in
            let record = try self.checkedRotation(tx, forest: forest)
            try tx.deleteRotation(forest: forest)
            try self.audit.append(AuditEventDraft(
                action: .rotateAborted, forest: forest, version: record.baseVersion, fingerprint: record.fingerprint,
                detail: detail), in: tx)
        }
    }

    private func checkedRotation(_ tx: StoreTransaction, forest: String) throws -> RotationRecord {
        guard let record = try tx.rotation(forest: forest) else {
            throw CredVaultError.rotation(.journalTampered(forest: forest))
        }
        guard try record.macMatches(record.mac, key: keys.config, vaultID: vaultID) else {
            throw CredVaultError.rotation(.journalTampered(forest: forest))
        }
        return record
    }
}

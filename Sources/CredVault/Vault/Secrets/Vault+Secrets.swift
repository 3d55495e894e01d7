import Foundation

/// Secrets and versions: every change and every reveal commits with its audit event.
extension Vault {
    /// Stores `password` as the next version of `forest`. With `expectVersion`, fails with
    /// `.versionConflict` unless the current version is exactly that (a check-and-set).
    @discardableResult
    public func set(
        forest rawForest: String,
        account rawAccount: String,
        password: borrowing SecureBytes,
        source: VersionSource = .set,
        expectVersion: Int? = nil,
        reason: String? = nil
    ) throws(CredVaultError) -> VersionInfo {
        let forest = try Validation.forest(rawForest)
        let account = try Validation.account(rawAccount)
        try Validation.password(password)
        let fingerprint = try fingerprint(forest: forest, password: password)
        return try database.writeTransaction { tx in
            try self.appendVersion(
                tx, forest: forest, account: account, password: password, source: source,
                fingerprint: fingerprint, expectVersion: expectVersion, reason: reason, rolledBackFrom: nil)
        }
    }

    /// Inserts the next version of `forest` and its audit event. Runs inside a write transaction.
    func appendVersion(
        _ tx: StoreTransaction, forest: String, account: String, password: borrowing SecureBytes,
        source: VersionSource, fingerprint: Fingerprint, expectVersion: Int?, reason: String?,
        rolledBackFrom: Int?
    ) throws -> VersionInfo {
        try FreeText.check(reason, what: "reason")
        let now = Timestamp.now()
        var row = try tx.forest(named: forest)
            ?? ForestRecord(name: forest, account: account, currentVersion: 0, createdAt: now, updatedAt: now)
        if let expectVersion, row.currentVersion != expectVersion {
            throw CredVaultError.versionConflict(forest: forest, current: row.currentVersion, expected: expectVersion)
        }
        let previousAccount = row.account
        let version = row.currentVersion + 1
        let sealed = try AEAD.seal(
            password, using: keys.secrets,
            associatedData: secretAssociatedData(forest: forest, account: account, version: version, keyGeneration: keyGeneration))
        row.account = account
        row.currentVersion = version
        row.updatedAt = now
        try tx.upsertForest(row)
        let record = SecretVersionRecord(
            forest: forest, version: version, account: account, createdAt: now, actor: identity.user,
            source: source, reason: reason, rolledBackFrom: rolledBackFrom, sealed: sealed,
            fingerprint: fingerprint, keyGeneration: keyGeneration)
        try tx.insertVersion(record)
        var detail: [String: String] = ["account": account]
        if version > 1 && previousAccount != account { detail["previous_account"] = previousAccount }
        if let rolledBackFrom { detail["rolled_back_from"] = String(rolledBackFrom) }
        try audit.append(AuditEventDraft(
            action: AuditAction(source), forest: forest, version: version, fingerprint: fingerprint,
            reason: reason, detail: detail), in: tx)
        Log.vault.debug("stored version", metadata: [
            "forest": "\(forest)", "version": "\(version)", "fingerprint": "\(fingerprint.short)"])
        return VersionInfo(record: record)
    }

    /// Decrypts a version (the current one by default). The read is audited, with `reason`
    /// when given; a version that fails to decrypt is audited as a failed read and reported
    /// as an integrity error.
    public func get(
        forest rawForest: String, version requested: Int? = nil, reason: String? = nil
    ) throws(CredVaultError) -> RevealedSecret {
        let forest = try Validation.forest(rawForest)
        if let requested { _ = try Validation.version(requested) }
        var revealed: SecureBytes?
        let (info, failure) = try database.writeTransaction { tx -> (VersionInfo, CredVaultError?) in
            let (record, storedMAC) = try self.fetchVersionRow(tx, forest: forest, version: requested)
            let info = VersionInfo(record: record)
            do {
                revealed = try self.decrypt(record)
                try tx.verifyVersion(record, stored: storedMAC)
                try self.audit.append(AuditEventDraft(
                    action: .get, forest: forest, version: record.version, fingerprint: info.fingerprint,
                    reason: reason), in: tx)
                return (info, nil)
            } catch let error as CredVaultError {
                // A tampered version is itself worth recording: commit the failed read, then report it.
                try self.audit.append(AuditEventDraft(
                    action: .get, forest: forest, version: record.version, outcome: .failed,
                    reason: reason, detail: ["error": "integrity"]), in: tx)
                return (info, error)
            }
        }
        if let failure { throw failure }
        guard let password = revealed.take() else { throw .crypto("decryption produced nothing") }
        return RevealedSecret(info: info, password: password)
    }

    /// Version `requested` (default: the current one) of `forest`, its row and the forest's
    /// checked. Versions 1...current_version always exist (none is ever deleted), so one of
    /// them missing is damage (65), not an unknown version; a version above the current one is
    /// unknown whatever rows say.
    func fetchVersion(_ tx: StoreTransaction, forest: String, version requested: Int?) throws -> SecretVersionRecord {
        let (record, storedMAC) = try fetchVersionRow(tx, forest: forest, version: requested)
        try tx.verifyVersion(record, stored: storedMAC)
        return record
    }

    /// `fetchVersion` without the version row's MAC check (the caller makes it).
    func fetchVersionRow(
        _ tx: StoreTransaction, forest: String, version requested: Int?
    ) throws -> (SecretVersionRecord, [UInt8]?) {
        guard let forestRow = try tx.forest(named: forest) else {
            if try tx.versionsExist(of: forest) { throw CredVaultError.rowTampered(table: "forests", key: forest) }
            throw CredVaultError.missing(.forest(forest))
        }
        let version = requested ?? forestRow.currentVersion
        guard version <= forestRow.currentVersion,
              let found = try tx.versionRow(version, of: forest) else {
            if version >= 1, version <= forestRow.currentVersion {
                throw CredVaultError.integrity(
                    "forest \(forest) is at version \(forestRow.currentVersion) but its version \(version) is gone "
                        + "(rows changed outside credvault)")
            }
            throw CredVaultError.missing(.version(forest: forest, version: version, latest: forestRow.currentVersion))
        }
        return found
    }

    func decrypt(_ record: SecretVersionRecord) throws(CredVaultError) -> SecureBytes {
        let aad = secretAssociatedData(
            forest: record.forest, account: record.account, version: record.version, keyGeneration: record.keyGeneration)
        guard let password = try AEAD.open(record.sealed, using: keys.secrets, associatedData: aad) else {
            throw .versionDamaged(forest: record.forest, version: record.version)
        }
        return password
    }

    /// Every forest with its account and current version, by name.
    public func list() throws(CredVaultError) -> [ForestSummary] {
        try database.read { tx in
            if let orphan = try tx.orphanedVersionForests().first {
                throw CredVaultError.rowTampered(table: "forests", key: orphan)
            }
            return try tx.allForests().map {
                ForestSummary(forest: $0.name, account: $0.account, currentVersion: $0.currentVersion, updatedAt: $0.updatedAt)
            }
        }
    }

    /// Every version of `forest`, oldest first, without decrypting any.
    public func history(forest rawForest: String) throws(CredVaultError) -> [VersionInfo] {
        let forest = try Validation.forest(rawForest)
        return try database.read { tx in
            guard let row = try tx.forest(named: forest) else {
                if try tx.versionsExist(of: forest) { throw CredVaultError.rowTampered(table: "forests", key: forest) }
                throw CredVaultError.missing(.forest(forest))
            }
            let versions = try tx.versions(of: forest)
            try RowSets.requireComplete(versions.map(\.version), forest: row)
            return versions.map(VersionInfo.init(record:))
        }
    }

    /// Makes a new version holding version `target`'s password (history is never rewritten).
    @discardableResult
    public func rollback(forest rawForest: String, to target: Int, reason: String? = nil) throws(CredVaultError) -> VersionInfo {
        let forest = try Validation.forest(rawForest)
        _ = try Validation.version(target)
        return try database.writeTransaction { tx in
            let record = try self.fetchVersion(tx, forest: forest, version: target)
            let password = try self.decrypt(record)
            // Recomputed, not copied: the stored fingerprint column is not covered by the AEAD tag.
            let fingerprint = try self.fingerprint(forest: forest, password: password)
            return try self.appendVersion(
                tx, forest: forest, account: record.account, password: password, source: .rollback,
                fingerprint: fingerprint, expectVersion: nil, reason: reason,
                rolledBackFrom: target)
        }
    }

    /// Stores every record as a new version, all in one transaction: one bad record and
    /// nothing is written. Records are validated before the transaction starts. A batch that
    /// does not name its fields (CSV without a header) may only name forests the vault has,
    /// unless `allowNewForests`: its columns might be swapped.
    @discardableResult
    public func importRecords(
        _ batch: ImportBatch,
        allowNewForests: Bool = false,
        progress: ((Int, Int) -> Void)? = nil
    ) throws(CredVaultError) -> Int {
        var prepared: [(forest: String, account: String, fingerprint: Fingerprint)] = []
        prepared.reserveCapacity(batch.entries.count)
        for entry in batch.entries {
            do {
                let forest = try Validation.forest(entry.forest, quoting: false)
                let account = try Validation.account(entry.account)
                let fingerprint = try batch.withPassword(of: entry) { password in
                    try Validation.password(password)
                    return try self.fingerprint(forest: forest, password: password)
                }
                prepared.append((forest, account, fingerprint))
            } catch {
                throw .invalidInput("import line \(entry.line): \(error); nothing was imported")
            }
        }
        let total = batch.entries.count
        return try database.writeTransaction { tx in
            if !batch.namesItsFields && !allowNewForests {
                for (index, entry) in batch.entries.enumerated() where try !tx.forestExists(prepared[index].forest) {
                    throw CredVaultError.importForestUnknown(line: entry.line)
                }
            }
            for (index, entry) in batch.entries.enumerated() {
                let facts = prepared[index]
                try batch.withPassword(of: entry) { password in
                    _ = try self.appendVersion(
                        tx, forest: facts.forest, account: facts.account, password: password, source: .import,
                        fingerprint: facts.fingerprint, expectVersion: nil, reason: nil, rolledBackFrom: nil)
                }
                progress?(index + 1, total)
            }
            return total
        }
    }
}

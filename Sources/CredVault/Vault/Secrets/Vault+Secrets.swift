import Foundation

/// Secrets and versions: every change and every reveal commits with its audit event.
extension Vault {
    /// Stores `password` as the next version of `forest`. With `expectVersion`, fails with
    /// `.versionConflict` unless the current version is exactly that (a check-and-set). With
    /// `guards`, a nil `account` keeps the forest's, a different one needs `accountMayChange`,
    /// and a password of the last `reuseWindow` versions needs `allowReuse` (`.setRefused`).
    @discardableResult
    public func set(
        forest rawForest: String,
        account rawAccount: String?,
        password: borrowing SecureBytes,
        source: VersionSource = .set,
        expectVersion: Int? = nil,
        reason: String? = nil,
        guards: SetGuards? = nil
    ) throws(CredVaultError) -> VersionInfo {
        let forest = try Validation.forest(rawForest)
        let requested = try rawAccount.map { (name) throws(CredVaultError) in try Validation.account(name) }
        try Validation.password(password)
        try FreeText.check(reason, what: "reason")
        let fingerprint = try fingerprint(forest: forest, password: password)
        return try database.writeTransaction { tx in
            let account = try self.account(tx, forest: forest, requested: requested, guards: guards, expectVersion: expectVersion)
            if let guards, !guards.allowReuse {
                try self.refuseReuse(tx, forest: forest, fingerprint: fingerprint, window: guards.reuseWindow)
            }
            return try self.appendVersion(
                tx, forest: forest, account: account, password: password, source: source,
                fingerprint: fingerprint, expectVersion: expectVersion, reason: reason, rolledBackFrom: nil)
        }
    }

    /// The account a new version is stored under: the one given, or the forest's when none is
    /// given; a different one only when the guards let the account change. A lost
    /// check-and-set is reported first: the account it compares with may be the newer one's.
    private func account(
        _ tx: StoreTransaction, forest: String, requested: String?, guards: SetGuards?, expectVersion: Int?
    ) throws -> String {
        let row = try tx.forest(named: forest)
        if let expectVersion, (row?.currentVersion ?? 0) != expectVersion {
            throw CredVaultError.versionConflict(forest: forest, current: row?.currentVersion ?? 0, expected: expectVersion)
        }
        let current = row?.account
        guard let requested else {
            guard let current else { throw CredVaultError.setRefused(.newForestNeedsAccount(forest: forest)) }
            return current
        }
        if let guards, !guards.accountMayChange, let current, current.lowercased() != requested.lowercased() {
            throw CredVaultError.setRefused(.accountChange(forest: forest, current: current, requested: requested))
        }
        return requested
    }

    /// Refuses a password one of the last `window` versions had (fingerprints compared).
    private func refuseReuse(_ tx: StoreTransaction, forest: String, fingerprint: Fingerprint, window: Int) throws {
        let recent = try tx.versionStamps(of: forest).suffix(max(window, 0))
        if let match = recent.last(where: { $0.fingerprint == fingerprint }) {
            throw CredVaultError.setRefused(.reused(forest: forest, version: match.version, window: window))
        }
    }

    /// Inserts the next version of `forest` and its audit event. Runs inside a write transaction.
    func appendVersion(
        _ tx: StoreTransaction, forest: String, account: String, password: borrowing SecureBytes,
        source: VersionSource, fingerprint: Fingerprint, expectVersion: Int?, reason: String?,
        rolledBackFrom: Int?
    ) throws -> VersionInfo {
        let stored = try storeVersion(
            tx, after: try tx.forest(named: forest), forest: forest, account: account, password: password,
            source: source, fingerprint: fingerprint, expectVersion: expectVersion, reason: reason,
            rolledBackFrom: rolledBackFrom)
        try audit.append(stored.event, in: tx)
        return VersionInfo(record: stored.record)
    }

    /// What `appendVersion` stores, given the forest's row as it is (nil: a new forest): the
    /// forest row and the version row are written, the audit event is returned for the caller
    /// to append in the same transaction, with the forest row as now stored.
    func storeVersion(
        _ tx: StoreTransaction, after current: ForestRecord?, forest: String, account: String,
        password: borrowing SecureBytes, source: VersionSource, fingerprint: Fingerprint, expectVersion: Int?,
        reason: String?, rolledBackFrom: Int?
    ) throws -> (record: SecretVersionRecord, forestRow: ForestRecord, event: AuditEventDraft) {
        try FreeText.check(reason, what: "reason")
        let now = Timestamp.now()
        var row = current ?? ForestRecord(name: forest, account: account, currentVersion: 0, createdAt: now, updatedAt: now)
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
        Log.vault.debug("stored version", metadata: [
            "forest": "\(forest)", "version": "\(version)", "fingerprint": "\(fingerprint.short)"])
        let event = AuditEventDraft(
            action: AuditAction(source), forest: forest, version: version, fingerprint: fingerprint,
            reason: reason, detail: detail)
        return (record, row, event)
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
    public func list(now: Double = Timestamp.seconds()) throws(CredVaultError) -> [ForestSummary] {
        try database.read { tx in
            try Vault.requireNoOrphanedVersions(tx)
            let policy = try AgePolicyRows(tx).policy
            var forests: [ForestSummary] = []
            try tx.forEachForestWithCurrentVersion { forests.append(Vault.summary($0, current: $1, policy: policy, now: now)) }
            return forests
        }
    }

    /// Calls `body` with each row of `list`, by name, from one read transaction, holding one
    /// at a time. A deleted forest row is found before the first call: a caller streaming
    /// the rows out must not have written a list with a forest silently missing.
    public func forEachForest(now: Double = Timestamp.seconds(), _ body: (ForestSummary) throws -> Void) throws(CredVaultError) {
        try database.read { tx in
            try Vault.requireNoOrphanedVersions(tx)
            let policy = try AgePolicyRows(tx).policy
            try tx.forEachForestWithCurrentVersion { try body(Vault.summary($0, current: $1, policy: policy, now: now)) }
        }
    }

    /// Versions whose forest row is gone mean a row deleted behind the vault's back: listing
    /// the rest would answer without the forest, so it is `rowTampered` (65) instead.
    private static func requireNoOrphanedVersions(_ tx: StoreTransaction) throws {
        if let orphan = try tx.orphanedVersionForests().first {
            throw CredVaultError.rowTampered(table: "forests", key: orphan)
        }
    }

    private static func summary(_ row: ForestRecord, current createdAt: String?, policy: MaxAgePolicy, now: Double) -> ForestSummary {
        ForestSummary(
            forest: row.name, account: row.account, currentVersion: row.currentVersion, updatedAt: row.updatedAt,
            age: passwordAge(forest: row, currentCreatedAt: createdAt, policy: policy, now: now))
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
}

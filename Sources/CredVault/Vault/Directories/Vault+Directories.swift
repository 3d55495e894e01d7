import Foundation

/// Where each forest's directory is: validated, MAC'd like connector rows, every change audited.
extension Vault {
    /// Stores (or replaces) `forest`'s directory settings, audited `directory.set`. The forest
    /// must be in the vault; the account is the forest's; every URL must parse with the CA file.
    @discardableResult
    public func setDirectory(_ proposed: DirectoryConfig) throws(CredVaultError) -> DirectoryConfig {
        var config = proposed
        config.forest = try Validation.forest(proposed.forest)
        config.resetWith = try proposed.resetWith.map { (name) throws(CredVaultError) in try Validation.forest(name) }
        config.caFile = Vault.absolutePath(proposed.caFile)
        guard !config.urls.isEmpty else { throw .invalidInput("a directory needs at least one URL") }
        for url in config.urls {
            try FreeText.check(url, what: "directory URL")
            do { _ = try DirectoryEndpoint(url: url, caFile: config.caFile) } catch { throw .directory(error, policy: nil) }
        }
        try FreeText.check(config.caFile, what: "CA file path")
        config.createdAt = Timestamp.now()
        config.account = try forestState(config.forest).account
        if let entry = config.resetWith {
            guard entry != config.forest else { throw .invalidInput("--reset-with names the forest itself; give the rotator account's own entry") }
            _ = try forestState(entry)
        }
        var record = try DirectoryRecord(config)
        record.mac = try record.computeMAC(key: keys.config, vaultID: vaultID)
        let final = config
        try database.writeTransaction { tx in
            // A pending rotation's recovery asks the directory it was started against.
            if let pending = try tx.rotation(forest: final.forest) {
                throw CredVaultError.rotation(.alreadyPending(forest: final.forest, since: pending.startedAt))
            }
            let replaced = try tx.directory(forest: final.forest) != nil
            try tx.upsertDirectory(record)
            var detail = ["kind": final.kind.rawValue, "urls": final.urls.joined(separator: " "), "ca_file": final.caFile,
                          "account": final.account, "mode": final.mode.rawValue]
            if let entry = final.resetWith { detail["reset_with"] = entry }
            if replaced { detail["replaced"] = "yes" }
            try self.audit.append(AuditEventDraft(action: .directorySet, forest: final.forest, detail: detail), in: tx)
        }
        return final
    }

    /// `forest`'s directory with its MAC verdict; `.missing(.directory)` when none is set.
    public func directory(forest rawForest: String) throws(CredVaultError) -> DirectoryEntry {
        let forest = try Validation.forest(rawForest)
        guard let record = try database.read({ tx in try tx.directory(forest: forest) }) else {
            throw .missing(.directory(forest: forest))
        }
        let valid = try record.macMatches(record.mac, key: keys.config, vaultID: vaultID)
        return DirectoryEntry(config: try record.decode(), macValid: valid)
    }

    /// Deletes `forest`'s directory settings (audited `directory.remove`). Refused while a
    /// rotation is pending: its recovery needs them.
    public func removeDirectory(forest rawForest: String) throws(CredVaultError) {
        let forest = try Validation.forest(rawForest)
        try database.writeTransaction { tx in
            guard try tx.directory(forest: forest) != nil else { throw CredVaultError.missing(.directory(forest: forest)) }
            if let pending = try tx.rotation(forest: forest) {
                throw CredVaultError.rotation(.alreadyPending(forest: forest, since: pending.startedAt))
            }
            try tx.deleteDirectory(forest: forest)
            try self.audit.append(AuditEventDraft(action: .directoryRemove, forest: forest), in: tx)
        }
    }

    /// Records one `directory.test` (or other directory) event on its own.
    public func recordDirectoryEvent(_ draft: AuditEventDraft) throws(CredVaultError) {
        try database.writeTransaction { tx in try self.audit.append(draft, in: tx) }
    }

    /// The current password of `forest` to bind with, without a `get` event: the rotation's
    /// and the directory test's own events record its use.
    func currentPassword(forest: String) throws(CredVaultError) -> SecureBytes {
        let record = try database.read { tx in try self.fetchVersion(tx, forest: forest, version: nil) }
        return try decrypt(record)
    }

    /// Re-MACs directory rows under the new config key, inside the rekey transaction; a row
    /// that does not verify under the old key is refused (a rekey would launder the edit).
    static func remacDirectoryRows(
        _ tx: StoreTransaction, oldConfigKey: borrowing SymmetricKey, newConfigKey: borrowing SymmetricKey, vaultID: [UInt8]
    ) throws {
        for record in try tx.allDirectories() {
            guard try record.macMatches(record.mac, key: oldConfigKey, vaultID: vaultID) else {
                throw CredVaultError.rotation(.directoryTampered(forest: record.forest))
            }
            try tx.updateDirectoryMAC(forest: record.forest, to: try record.computeMAC(key: newConfigKey, vaultID: vaultID))
        }
    }
}

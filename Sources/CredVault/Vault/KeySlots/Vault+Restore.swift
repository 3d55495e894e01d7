import Foundation

/// Restore: a verified backup replaces the vault, audited in both.
extension Vault {
    /// Replaces the vault at `livePath` with the backup at `backupPath`. The backup must open
    /// with `credential` and its audit chain must verify. A vault is replaced only when the
    /// backup holds everything its trail has (its head is in the backup's past, or all it has
    /// beyond the backup is the `backup` event that made it), unless `force`. The vault
    /// replaced gets a `restore` event and is kept beside it; the restored one gets one too.
    public static func restore(
        from backupPath: String, over livePath: String, credential: borrowing UnlockCredential, force: Bool,
        identity: ProcessIdentity = .current()
    ) throws(CredVaultError) -> RestoreReport {
        let backup = try Vault.open(at: backupPath, credential: credential, identity: identity)
        let backupHead = try backup.auditCheckpoint()
        var lost = 0
        var replacedHead: Int64?
        var aside: String?
        if FileManager.default.fileExists(atPath: livePath) {
            do throws(CredVaultError) {
                let live = try Vault.open(at: livePath, credential: credential, identity: identity)
                let liveHead = try live.auditCheckpoint()
                lost = try live.eventsLost(restoring: backup, backupHead: backupHead, liveHead: liveHead)
                if lost > 0 && !force {
                    throw .restoreWouldLoseEvents(count: lost, backupHead: backupHead.seq, vaultHead: liveHead.seq)
                }
                aside = try live.keepAside(restoring: backupPath, backupHead: backupHead.seq, lost: lost, forced: force)
                replacedHead = liveHead.seq
            } catch {
                // A vault that does not open or verify is what a restore is for, when forced:
                // its files are moved aside as they are (no event can be chained onto them).
                guard force, !isRefusal(error) else { throw error }
                aside = try moveAside(livePath)
                try PrivateFile.createEmpty(livePath, what: "vault")
            }
        } else {
            try PrivateFile.createEmpty(livePath, what: "vault")
        }
        do {
            try backup.database.copyCommittedState(to: livePath)
        } catch {
            throw .io("cannot write the backup over \(livePath): \(error)")
        }
        let restored = try Vault.open(at: livePath, credential: credential, identity: identity)
        var detail = ["from": backupPath, "backup_head_seq": String(backupHead.seq), "lost_events": String(lost)]
        if let replacedHead { detail["replaced_head_seq"] = String(replacedHead) }
        if let aside { detail["kept_aside"] = aside }
        if force { detail["forced"] = "true" }
        try restored.database.writeTransaction { tx in
            _ = try restored.audit.append(AuditEventDraft(action: .restore, detail: detail), in: tx)
        }
        return RestoreReport(backupHeadSeq: backupHead.seq, replacedHeadSeq: replacedHead, lostEvents: lost, keptAside: aside)
    }

    /// How many of this vault's events the backup does not hold: none when this head is in
    /// the backup's chain; the events after the backup's head (but the `backup` event that made
    /// it) when the backup is this vault's past; every event when the two chains diverge.
    private func eventsLost(restoring backup: Vault, backupHead: AuditCheckpoint, liveHead: AuditCheckpoint) throws(CredVaultError) -> Int {
        if try backup.verifyAudit(checkpoint: liveHead).isIntact { return 0 }
        guard try verifyAudit(checkpoint: backupHead).isIntact else { return Int(liveHead.seq) }
        let later = try auditEvents(matching: try AuditQuery(forest: nil, action: nil, since: nil, until: nil, afterSeq: backupHead.seq))
        return later.filter { event in
            !(event.action == AuditAction.backup.rawValue
                && event.detailFields?.contains { $0.key == "copy_head_seq" && $0.value == String(backupHead.seq) } == true)
        }.count
    }

    private static func isRefusal(_ error: CredVaultError) -> Bool {
        if case .restoreWouldLoseEvents = error { return true }
        return false
    }

    /// Renames a damaged vault's files (and its WAL and shared-memory files) aside.
    private static func moveAside(_ livePath: String) throws(CredVaultError) -> String {
        let aside = "\(livePath).before-restore-\(Timestamp.now().filter { $0.isNumber })"
        for suffix in ["", "-wal", "-shm"] where FileManager.default.fileExists(atPath: livePath + suffix) {
            guard rename(livePath + suffix, aside + suffix) == 0 else {
                throw .io("cannot move \(livePath + suffix) aside: \(String(cString: strerror(errno)))")
            }
        }
        return aside
    }

    /// Records the restore in this (the replaced) vault and copies it aside; returns the copy's path.
    private func keepAside(restoring backupPath: String, backupHead: Int64, lost: Int, forced: Bool) throws(CredVaultError) -> String {
        let stamp = Timestamp.now().filter { $0.isNumber }
        let aside = "\(path).before-restore-\(stamp)"
        var created = false
        do {
            try database.writeTransaction { tx in
                var detail = ["from": backupPath, "backup_head_seq": String(backupHead), "lost_events": String(lost), "kept_aside": aside]
                if forced { detail["forced"] = "true" }
                _ = try self.audit.append(AuditEventDraft(action: .restore, detail: detail), in: tx)
                try PrivateFile.createEmpty(aside, what: "copy of the replaced vault")
                created = true
                try self.database.copyCommittedState(to: aside)
            }
        } catch {
            if created { VaultDatabase.removeFiles(at: aside) }
            throw error
        }
        return aside
    }
}

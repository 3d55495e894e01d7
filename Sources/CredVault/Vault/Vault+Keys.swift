import Foundation
import GRDB
#if canImport(Glibc)
import Glibc
#endif

/// A key slot as `credvault keys` shows it: never key material, wrapped or not.
public struct KeySlotInfo: Sendable, Equatable {
    public let id: String
    public let kind: KeySlotKind
    public let label: String?
    public let createdAt: String
    /// Argon2id parameters of a passphrase slot; nil for a keyfile slot.
    public let kdf: KDFParameters?

    init(_ slot: KeySlot) {
        id = slot.id
        kind = slot.kind
        label = slot.label
        createdAt = slot.createdAt
        kdf = slot.kdf
    }
}

/// What `changePassphrase` did.
public struct PassphraseChange: Sendable, Equatable {
    public let slot: KeySlotInfo
    /// The passphrase slots the new one replaced (empty when the vault had none).
    public let replaced: [String]
}

/// What `rekey` did.
public struct RekeyReport: Sendable, Equatable {
    public let keyGeneration: Int
    public let versions: Int
    public let auditEvents: Int
    /// The slot kept (re-wrapped under the new master key): the one the vault was opened with.
    public let kept: KeySlotInfo
    /// Slots that could not be re-wrapped (their credential was not presented) and were removed.
    public let removed: [KeySlotInfo]
    /// The head of the re-MACed audit chain, to keep as the new checkpoint.
    public let checkpoint: AuditCheckpoint
}

/// Key slots, passphrase change, rekey and backup. Each change commits with its audit event.
extension Vault {
    // MARK: Listing

    public func keySlots() throws(CredVaultError) -> [KeySlotInfo] {
        try database.read { db in try KeySlotRecord.fetchAll(db).map(KeySlotInfo.init) }
    }

    // MARK: Keyfile slots

    /// Writes a new random keyfile to `path` (mode 0600, never over an existing file) and adds
    /// a slot it opens. If the slot cannot be stored, the file is removed again.
    @discardableResult
    public func addKeyfileSlot(writingTo path: String) throws(CredVaultError) -> KeySlotInfo {
        try FreeText.check(path, what: "keyfile path (the slot's label)")
        if access(path, F_OK) == 0 {
            throw .cannotCreate("\(path) already exists; refusing to overwrite a keyfile")
        }
        let keyfileKey = try SymmetricKey.random()
        let slot = try KeySlot.seal(
            masterKey: keys.master, under: keyfileKey, vaultID: vaultID, kind: .keyfile,
            label: path, createdAt: Timestamp.now())
        let text = try Base64.encodeSecret(keyfileKey.bytes)
        try text.withUnsafeBytes { (raw) throws(CredVaultError) in
            try SecretFile.create(path, contents: raw, what: "keyfile")
        }
        do {
            try database.writeTransaction { db in
                try KeySlotRecord.insert(slot, db)
                try self.audit.append(AuditEventDraft(
                    action: .keySlotAdd, detail: ["slot": slot.id, "kind": slot.kind.rawValue, "label": path]), in: db)
            }
        } catch {
            unlink(path)
            throw error
        }
        Log.vault.info("added key slot", metadata: ["slot": "\(slot.id)", "kind": "keyfile"])
        return KeySlotInfo(slot)
    }

    /// Removes slot `id`. The last slot is never removed: the vault would never open again.
    @discardableResult
    public func removeKeySlot(id: String) throws(CredVaultError) -> KeySlotInfo {
        let removed = try database.writeTransaction { db in
            let slots = try KeySlotRecord.fetchAll(db)
            guard let slot = slots.first(where: { $0.id == id }) else {
                throw CredVaultError.notFound(
                    "no key slot \(Validation.printable(id)) in the vault", hint: "`credvault keys` lists the slots")
            }
            guard slots.count > 1 else {
                throw CredVaultError.invalidInput(
                    "key slot \(id) is the vault's only slot; removing it would lock the vault for good "
                        + "(add another first: `credvault keyfile add --out PATH` or `credvault passphrase change`)")
            }
            try db.execute(sql: "DELETE FROM key_slots WHERE id = ?", arguments: [id])
            var detail = ["slot": slot.id, "kind": slot.kind.rawValue]
            if let label = slot.label { detail["label"] = label }
            try self.audit.append(AuditEventDraft(action: .keySlotRemove, detail: detail), in: db)
            return KeySlotInfo(slot)
        }
        Log.vault.info("removed key slot", metadata: ["slot": "\(removed.id)", "kind": "\(removed.kind.rawValue)"])
        return removed
    }

    // MARK: Passphrase

    /// Wraps the master key under a new passphrase, replacing every passphrase slot (or adding
    /// the first one). Nothing but slots changes: no version is re-encrypted.
    @discardableResult
    public func changePassphrase(to newPassphrase: consuming SecureBytes, kdf: KDFParameters) throws(CredVaultError) -> PassphraseChange {
        let credential = try UnlockCredential.passphrase(newPassphrase)
        let salt = Salt.random()
        let kek = try PasswordKDF.deriveKey(from: credential.secret, salt: salt, parameters: kdf)
        let slot = try KeySlot.seal(
            masterKey: keys.master, under: kek, vaultID: vaultID, kind: .passphrase, label: "passphrase",
            kdf: kdf, salt: salt, createdAt: Timestamp.now())
        let replaced = try database.writeTransaction { db -> [String] in
            let old = try KeySlotRecord.fetchAll(db).filter { $0.kind == .passphrase }.map(\.id)
            try db.execute(sql: "DELETE FROM key_slots WHERE kind = 'passphrase'")
            try KeySlotRecord.insert(slot, db)
            var detail = ["slot": slot.id, "kdf_opslimit": String(kdf.opsLimit), "kdf_memlimit": String(kdf.memLimit)]
            if !old.isEmpty { detail["replaced"] = old.joined(separator: ",") }
            try self.audit.append(AuditEventDraft(action: .passphraseChange, detail: detail), in: db)
            return old
        }
        return PassphraseChange(slot: KeySlotInfo(slot), replaced: replaced)
    }

    // MARK: Rekey

    /// Makes a new master key and, in one transaction: re-encrypts every version under it
    /// (key generation + 1, fingerprints recomputed with the new fingerprint key), re-wraps the
    /// slot `credential` opens, removes every other slot (their key-encryption keys are not
    /// here to re-wrap them), re-MACs connector rows and the audit chain, and records `rekey`.
    ///
    /// The audit chain is verified under the old key first: a rekey never launders a broken
    /// chain. After a rekey this `Vault` still holds the retired keys: open the vault again.
    public func rekey(
        credential: borrowing UnlockCredential,
        progress: ((_ done: Int, _ total: Int) -> Void)? = nil
    ) throws(CredVaultError) -> RekeyReport {
        // Which slot does the presented credential open? Its KEK re-wraps the new key.
        let stored = try database.read { db in try KeySlotRecord.fetchAll(db) }
        var keptSlot: KeySlot?
        var keptKEK: SymmetricKey?
        for slot in stored where slot.kind == credential.kind {
            guard let kek = try credential.keyEncryptionKey(for: slot) else { continue }
            if try slot.unwrap(with: kek, vaultID: vaultID) != nil {
                keptSlot = slot
                keptKEK = consume kek
                break
            }
        }
        guard let keptSlot, let kek = keptKEK.take() else {
            throw .unlockFailed("the credential given does not open any key slot of this vault")
        }

        let newMaster = try SymmetricKey.random()
        let newKeys = try VaultKeys(master: newMaster)
        let newAudit = AuditLog(key: try newKeys.auditKey(), identity: identity)
        let oldVerifier = AuditVerifier(key: try keys.auditKey())
        let newGeneration = keyGeneration + 1
        let rewrapped = KeySlot(
            id: keptSlot.id, kind: keptSlot.kind, label: keptSlot.label, createdAt: keptSlot.createdAt,
            kdf: keptSlot.kdf, salt: keptSlot.salt,
            sealedMasterKey: try AEAD.seal(
                newKeys.master.bytes, using: kek,
                associatedData: KeySlot.associatedData(
                    vaultID: vaultID, slotID: keptSlot.id, kind: keptSlot.kind, kdf: keptSlot.kdf, salt: keptSlot.salt)),
            keyCheck: keptSlot.keyCheck)

        let report = try database.writeTransaction { db -> RekeyReport in
            let generation = try Int.fetchOne(db, sql: "SELECT key_generation FROM vault_meta WHERE id = 1")
            guard generation == self.keyGeneration else {
                throw CredVaultError.busy("the vault was rekeyed by another process since it was opened; nothing was changed, run rekey again")
            }
            let check = try oldVerifier.verify(db)
            if let problem = check.problem {
                throw CredVaultError.integrity("refusing to rekey: \(problem); a rekey would re-MAC the damage away")
            }
            let previousHead = check.head!

            // Versions: decrypt under the old key, seal under the new one.
            let total = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM secret_versions") ?? 0
            var done = 0
            let records = try SecretVersionRecord.order(Column("forest"), Column("version")).fetchCursor(db)
            var updates: [(SecretVersionRecord, SealedBox, Fingerprint)] = []
            updates.reserveCapacity(total)
            while let record = try records.next() {
                let password = try self.decrypt(record)
                let aad = self.secretAssociatedData(
                    forest: record.forest, account: record.account, version: record.version, keyGeneration: newGeneration)
                let sealed = try AEAD.seal(password, using: newKeys.secrets, associatedData: aad)
                let fingerprint = try Fingerprint.compute(forest: record.forest, password: password, key: newKeys.fingerprint)
                updates.append((record, sealed, fingerprint))
            }
            for (record, sealed, fingerprint) in updates {
                try db.execute(
                    sql: """
                        UPDATE secret_versions SET nonce = ?, ciphertext = ?, fingerprint = ?, key_generation = ?
                        WHERE forest = ? AND version = ?
                        """,
                    arguments: [Data(sealed.nonce.bytes), Data(sealed.ciphertext), fingerprint.hex, newGeneration,
                                record.forest, record.version])
                done += 1
                if done % 64 == 0 || done == total { progress?(done, total) }
            }

            // Slots: the presented one re-wrapped, the others gone. Read again here: a slot
            // added since the vault was opened is reported like the rest.
            let current = try KeySlotRecord.fetchAll(db)
            guard current.contains(where: { $0.id == keptSlot.id }) else {
                throw CredVaultError.busy("key slot \(keptSlot.id) was removed by another process since the vault was opened; nothing was changed")
            }
            let removed = current.filter { $0.id != keptSlot.id }
            try db.execute(sql: "DELETE FROM key_slots")
            try KeySlotRecord.insert(rewrapped, db)
            try db.execute(sql: "UPDATE vault_meta SET key_generation = ? WHERE id = 1", arguments: [newGeneration])

            try Vault.remacConnectorRows(db, oldConfigKey: self.keys.config, newConfigKey: newKeys.config, vaultID: self.vaultID)

            // Audit chain: every MAC recomputed under the new audit key, in seq order.
            var newMACs: [(Int64, [UInt8])] = []
            newMACs.reserveCapacity(previousHead.seq > 0 ? Int(previousHead.seq) : 0)
            var previous = AuditLog.genesisMAC
            try AuditQuery().forEach(db) { event in
                let mac = try newAudit.mac(of: event, after: previous)
                newMACs.append((event.seq, mac))
                previous = mac
            }
            let update = try db.makeStatement(sql: "UPDATE audit_events SET mac = ? WHERE seq = ?")
            for (seq, mac) in newMACs {
                try update.execute(arguments: [Data(mac), seq])
            }

            var detail = [
                "key_generation": String(newGeneration),
                "versions": String(updates.count),
                "kept_slot": keptSlot.id,
                "previous_head": "seq=\(previousHead.seq) mac=\(previousHead.macHex)",
                "audit_events_remaced": String(newMACs.count),
            ]
            if !removed.isEmpty { detail["removed_slots"] = removed.map(\.id).joined(separator: ",") }
            let event = try newAudit.append(AuditEventDraft(action: .rekey, detail: detail), in: db)
            return RekeyReport(
                keyGeneration: newGeneration, versions: updates.count, auditEvents: newMACs.count + 1,
                kept: KeySlotInfo(rewrapped), removed: removed.map(KeySlotInfo.init),
                checkpoint: AuditCheckpoint(seq: event.seq, mac: event.mac))
        }
        Log.vault.info("rekeyed", metadata: [
            "key_generation": "\(report.keyGeneration)", "versions": "\(report.versions)",
            "removed_slots": "\(report.removed.count)"])
        return report
    }

    /// Re-MACs connector rows under the new config key, inside the rekey transaction.
    ///
    /// Every row is checked under the old key first: a connector edited in the database must not
    /// come out of a rekey with a fresh, valid MAC.
    static func remacConnectorRows(
        _ db: Database, oldConfigKey: borrowing SymmetricKey, newConfigKey: borrowing SymmetricKey, vaultID: [UInt8]
    ) throws {
        // A row that does not verify under the old key was edited behind the vault's back:
        // re-MACing it would launder the edit, so rekey refuses and changes nothing.
        let records = try Row.fetchAll(db, sql: "SELECT * FROM connectors ORDER BY name").map(ConnectorRecord.init(row:))
        let update = try db.makeStatement(sql: "UPDATE connectors SET mac = ? WHERE name = ?")
        for record in records {
            guard KeyedHash.equal(try record.computeMAC(key: oldConfigKey, vaultID: vaultID), record.mac) else {
                throw CredVaultError.integrity(
                    "connector \(record.name) fails its integrity check (edited in the database); nothing was re-keyed")
            }
            try update.execute(arguments: [Data(try record.computeMAC(key: newConfigKey, vaultID: vaultID)), record.name])
        }
    }

    // MARK: Backup

    /// A consistent copy of the vault in a new file (mode 0600, never over an existing file).
    ///
    /// The `backup` event is appended first, in a write transaction that stays open while a
    /// second, read-only connection copies the last committed state (SQLite's backup API
    /// refuses a source connection that is writing). Holding the write lock means nothing
    /// else lands in between: the copy is exactly the vault up to the event that records it.
    /// If the copy fails the event is rolled back; if the commit fails the copy is removed.
    public func backup(to destination: String) throws(CredVaultError) {
        var created = false
        do {
            try database.writeTransaction { db in
                let head = try Int64.fetchOne(db, sql: "SELECT MAX(seq) FROM audit_events") ?? 0
                try self.audit.append(AuditEventDraft(
                    action: .backup, detail: ["path": destination, "copy_head_seq": String(head)]), in: db)
                try PrivateFile.createEmpty(destination, what: "backup")
                created = true
                var readOnly = Configuration()
                readOnly.readonly = true
                readOnly.publicStatementArguments = false
                let source = try DatabaseQueue(path: self.database.path, configuration: readOnly)
                var targetConfiguration = Configuration()
                targetConfiguration.publicStatementArguments = false
                let target = try DatabaseQueue(path: destination, configuration: targetConfiguration)
                try source.backup(to: target)
                try target.close()
                try source.close()
            }
        } catch {
            if created {
                unlink(destination)
                unlink(destination + "-wal")
                unlink(destination + "-shm")
            }
            throw error
        }
    }
}


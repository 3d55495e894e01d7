import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Key slots, passphrase change, rekey and backup. Each change commits with its audit event.
extension Vault {
    // MARK: Listing

    public func keySlots() throws(CredVaultError) -> [KeySlotInfo] {
        try database.read { tx in try tx.keySlots().map(KeySlotInfo.init) }
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
            try database.writeTransaction { tx in
                try tx.insertKeySlot(slot)
                try self.audit.append(AuditEventDraft(
                    action: .keySlotAdd, detail: ["slot": slot.id, "kind": slot.kind.rawValue, "label": path]), in: tx)
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
        let removed = try database.writeTransaction { tx in
            let slots = try tx.keySlots()
            guard let slot = slots.first(where: { $0.id == id }) else {
                throw CredVaultError.missing(.keySlot(id: id))
            }
            guard slots.count > 1 else {
                throw CredVaultError.lastKeySlot(id: id)
            }
            try tx.deleteKeySlot(id: id)
            var detail = ["slot": slot.id, "kind": slot.kind.rawValue]
            if let label = slot.label { detail["label"] = label }
            try self.audit.append(AuditEventDraft(action: .keySlotRemove, detail: detail), in: tx)
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
        let slot = try Vault.passphraseSlot(
            newPassphrase, master: keys.master, vaultID: vaultID, kdf: kdf, createdAt: Timestamp.now())
        let replaced = try database.writeTransaction { tx -> [String] in
            let old = try tx.keySlots().filter { $0.kind == .passphrase }.map(\.id)
            try tx.replacePassphraseSlots(with: slot)
            var detail = ["slot": slot.id, "kdf_opslimit": String(kdf.opsLimit), "kdf_memlimit": String(kdf.memLimit)]
            if !old.isEmpty { detail["replaced"] = old.joined(separator: ",") }
            try self.audit.append(AuditEventDraft(action: .passphraseChange, detail: detail), in: tx)
            return old
        }
        return PassphraseChange(slot: KeySlotInfo(slot), replaced: replaced)
    }

    // MARK: Backup

    /// A consistent copy of the vault in a new file (mode 0600, never over an existing file).
    ///
    /// The `backup` event is appended first, in a write transaction that stays open while
    /// the copy is made (`VaultDatabase.copyCommittedState`): the copy is exactly the vault up
    /// to the event that records it. If the copy fails the event is rolled back; if the
    /// commit fails the copy is removed.
    public func backup(to destination: String) throws(CredVaultError) {
        var created = false
        do {
            try database.writeTransaction { tx in
                let head = try tx.auditHeadSeq()
                try self.audit.append(AuditEventDraft(
                    action: .backup, detail: ["path": destination, "copy_head_seq": String(head)]), in: tx)
                try PrivateFile.createEmpty(destination, what: "backup")
                created = true
                try self.database.copyCommittedState(to: destination)
            }
        } catch {
            if created { VaultDatabase.removeFiles(at: destination) }
            throw error
        }
    }

    /// A passphrase slot wrapping `master`: Argon2id(passphrase, a new salt) is its
    /// key-encryption key.
    static func passphraseSlot(
        _ passphrase: consuming SecureBytes, master: borrowing SymmetricKey, vaultID: [UInt8], kdf: KDFParameters,
        createdAt: String
    ) throws(CredVaultError) -> KeySlot {
        let credential = try UnlockCredential.passphrase(passphrase)
        let salt = Salt.random()
        let kek = try PasswordKDF.deriveKey(from: credential.secret, salt: salt, parameters: kdf)
        return try KeySlot.seal(
            masterKey: master, under: kek, vaultID: vaultID, kind: .passphrase, label: "passphrase",
            kdf: kdf, salt: salt, createdAt: createdAt)
    }
}

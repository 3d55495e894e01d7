import Foundation

/// An unlocked vault: it opens (or creates) the file, unwraps the master key from a slot,
/// derives the subkeys and holds the audit log. What it does with them lives by feature in
/// the folders beside this file: Secrets/ (versions, import, history), KeySlots/ (slots,
/// passphrase, rekey, backup), Connectors/ (connector rows, push facts), Audit/ (read, verify).
///
/// Each method that changes the vault, or reveals a password, runs in one write transaction
/// together with its audit event. A method either completes with its event recorded, or
/// throws with the vault exactly as it was.
public final class Vault {
    static let formatVersion = 1
    static let secretFormatTag = "credvault-secret-v1"

    let database: VaultDatabase
    let vaultID: [UInt8]
    let keyGeneration: Int
    let keys: VaultKeys
    let audit: AuditLog
    public let identity: ProcessIdentity

    public var path: String { database.path }

    private init(database: VaultDatabase, vaultID: [UInt8], keyGeneration: Int, keys: VaultKeys, identity: ProcessIdentity) throws(CredVaultError) {
        self.database = database
        self.vaultID = vaultID
        self.keyGeneration = keyGeneration
        self.keys = keys
        self.identity = identity
        self.audit = AuditLog(key: try keys.auditKey(), identity: identity)
        database.rows = RowAuthenticator(key: try keys.config.copy(), vaultID: vaultID)
    }

    // MARK: Creating and opening

    /// Creates a vault at `path` with a passphrase slot, a keyfile slot written to
    /// `keyfileOut` (0600), or both. Nothing is left behind when any step fails.
    public static func create(
        at path: String,
        passphrase: consuming SecureBytes?,
        keyfileOut: String?,
        kdf: KDFParameters,
        identity: ProcessIdentity = .current()
    ) throws(CredVaultError) -> Vault {
        guard passphrase != nil || keyfileOut != nil else {
            throw .usage(.newVaultNeedsCredential)
        }
        try FreeText.check(keyfileOut, what: "keyfile path (the slot's label)")
        if let keyfileOut, access(keyfileOut, F_OK) == 0 {
            throw .cannotCreate("\(keyfileOut) already exists; refusing to overwrite a keyfile")
        }
        let master = try SymmetricKey.random()
        let vaultID = Nonce.random().bytes.prefix(16).map { $0 }
        let now = Timestamp.now()
        var slots: [KeySlot] = []
        if let secret = passphrase.take() {
            slots.append(try passphraseSlot(secret, master: master, vaultID: vaultID, kdf: kdf, createdAt: now))
        }
        var keyfileText: SecureBytes?
        if let keyfileOut {
            let keyfileKey = try SymmetricKey.random()
            slots.append(try KeySlot.seal(
                masterKey: master, under: keyfileKey, vaultID: vaultID, kind: .keyfile,
                label: keyfileOut, createdAt: now))
            keyfileText = try Base64.encodeSecret(keyfileKey.bytes)
        }

        let database = try VaultDatabase.create(at: path)
        do throws(CredVaultError) {
            let vault = try Vault(database: database, vaultID: vaultID, keyGeneration: 1,
                                  keys: try VaultKeys(master: master), identity: identity)
            if let keyfileOut, let text = keyfileText.take() {
                try text.withUnsafeBytes { (raw) throws(CredVaultError) in
                    try SecretFile.create(keyfileOut, contents: raw, what: "keyfile")
                }
            }
            do throws(CredVaultError) {
                try database.writeTransaction { tx in
                    try tx.insertHeader(VaultHeader(
                        vaultID: vaultID, keyGeneration: 1, formatVersion: formatVersion, createdAt: now))
                    for slot in slots { try tx.insertKeySlot(slot) }
                    // row_macs marks a vault sealed from birth (see Vault+RowSeal).
                    try vault.audit.append(AuditEventDraft(
                        action: .initialize,
                        detail: ["slots": slots.map(\.kind.rawValue).joined(separator: ","), "row_macs": "1"]), in: tx)
                }
            } catch {
                if let keyfileOut { unlink(keyfileOut) }
                throw error
            }
            return vault
        } catch {
            VaultDatabase.removeFiles(at: path)
            throw error
        }
    }

    /// Opens the vault at `path` with `credential`; a credential that opens no slot is refused.
    public static func open(
        at path: String,
        credential: borrowing UnlockCredential,
        identity: ProcessIdentity = .current()
    ) throws(CredVaultError) -> Vault {
        let database = try VaultDatabase.open(at: path)
        let (header, slots) = try database.read { tx -> (VaultHeader, [KeySlot]) in
            guard let header = try tx.header() else { throw CredVaultError.integrity("\(path) has no vault header") }
            return (header, try tx.keySlots())
        }
        let vaultID = header.vaultID
        let candidates = slots.filter { $0.kind == credential.kind }
        guard !candidates.isEmpty else {
            throw .unlockFailed("the vault could not be unlocked: it has no \(credential.kind.rawValue) slot")
        }
        for slot in candidates {
            guard let kek = try credential.keyEncryptionKey(for: slot) else { continue }
            if let master = try slot.unwrap(with: kek, vaultID: vaultID) {
                Log.vault.debug("unlocked vault", metadata: ["path": "\(path)", "slot": "\(slot.id)"])
                let vault = try Vault(database: database, vaultID: vaultID, keyGeneration: header.keyGeneration,
                                      keys: try VaultKeys(master: master), identity: identity)
                try vault.authenticateStoredState(header: header, slots: slots)
                return vault
            }
        }
        switch credential.kind {
        case .passphrase: throw .unlockFailed("the vault could not be unlocked: wrong passphrase")
        case .keyfile: throw .unlockFailed("the vault could not be unlocked: the keyfile does not match any key slot")
        }
    }

    // MARK: Keys in use

    /// The associated data of a version: a ciphertext opens only in its own row of its own vault.
    func secretAssociatedData(forest: String, account: String, version: Int, keyGeneration: Int) -> [UInt8] {
        var encoder = CanonicalEncoder()
        encoder.append(Vault.secretFormatTag)
        encoder.append(vaultID)
        encoder.append(forest)
        encoder.append(account)
        encoder.append(version)
        encoder.append(keyGeneration)
        return encoder.bytes
    }

    func fingerprint(forest: String, password: borrowing SecureBytes) throws(CredVaultError) -> Fingerprint {
        try Fingerprint.compute(forest: forest, password: password, key: keys.fingerprint)
    }
}

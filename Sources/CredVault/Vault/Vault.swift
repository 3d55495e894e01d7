import Foundation
import GRDB

/// An unlocked vault: the facade every command goes through.
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
            throw .usage("a new vault needs a passphrase or --keyfile-out")
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
            let credential = try UnlockCredential.passphrase(secret)
            let salt = Salt.random()
            let kek = try PasswordKDF.deriveKey(from: credential.secret, salt: salt, parameters: kdf)
            slots.append(try KeySlot.seal(
                masterKey: master, under: kek, vaultID: vaultID, kind: .passphrase, label: "passphrase",
                kdf: kdf, salt: salt, createdAt: now))
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
                try database.writeTransaction { db in
                    try db.execute(
                        sql: "INSERT INTO vault_meta (id, format_version, vault_id, key_generation, created_at) VALUES (1, ?, ?, 1, ?)",
                        arguments: [formatVersion, Data(vaultID), now])
                    for slot in slots { try KeySlotRecord.insert(slot, db) }
                    try vault.audit.append(AuditEventDraft(
                        action: .initialize,
                        detail: ["slots": slots.map(\.kind.rawValue).joined(separator: ",")]), in: db)
                }
            } catch {
                if let keyfileOut { unlink(keyfileOut) }
                throw error
            }
            return vault
        } catch {
            unlink(path)
            unlink(path + "-wal")
            unlink(path + "-shm")
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
        let (vaultID, generation, slots) = try database.read { db -> ([UInt8], Int, [KeySlot]) in
            guard let meta = try Row.fetchOne(db, sql: "SELECT vault_id, key_generation FROM vault_meta WHERE id = 1") else {
                throw CredVaultError.integrity("\(path) has no vault header")
            }
            return ([UInt8](meta["vault_id"] as Data), meta["key_generation"], try KeySlotRecord.fetchAll(db))
        }
        let candidates = slots.filter { $0.kind == credential.kind }
        guard !candidates.isEmpty else {
            throw .unlockFailed("the vault could not be unlocked: it has no \(credential.kind.rawValue) slot")
        }
        for slot in candidates {
            guard let kek = try credential.keyEncryptionKey(for: slot) else { continue }
            if let master = try slot.unwrap(with: kek, vaultID: vaultID) {
                Log.vault.debug("unlocked vault", metadata: ["path": "\(path)", "slot": "\(slot.id)"])
                return try Vault(database: database, vaultID: vaultID, keyGeneration: generation,
                                 keys: try VaultKeys(master: master), identity: identity)
            }
        }
        switch credential.kind {
        case .passphrase: throw .unlockFailed("the vault could not be unlocked: wrong passphrase")
        case .keyfile: throw .unlockFailed("the vault could not be unlocked: the keyfile does not match any key slot")
        }
    }

    // MARK: Secrets

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

    /// Stores `password` as the next version of `forest`. With `expectVersion`, fails with
    /// `.busy` unless the current version is exactly that (a check-and-set).
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
        return try database.writeTransaction { db in
            try self.appendVersion(
                db, forest: forest, account: account, password: password, source: source,
                fingerprint: fingerprint, expectVersion: expectVersion, reason: reason, rolledBackFrom: nil)
        }
    }

    /// Inserts the next version of `forest` and its audit event. Runs inside a write transaction.
    func appendVersion(
        _ db: Database, forest: String, account: String, password: borrowing SecureBytes,
        source: VersionSource, fingerprint: Fingerprint, expectVersion: Int?, reason: String?,
        rolledBackFrom: Int?
    ) throws -> VersionInfo {
        try FreeText.check(reason, what: "reason")
        let now = Timestamp.now()
        var row = try ForestRecord.find(db, forest)
            ?? ForestRecord(name: forest, account: account, currentVersion: 0, createdAt: now, updatedAt: now)
        if let expectVersion, row.currentVersion != expectVersion {
            throw CredVaultError.busy(
                "\(forest) is at version \(row.currentVersion), not \(expectVersion): another change landed first; nothing was stored")
        }
        let previousAccount = row.account
        let version = row.currentVersion + 1
        let sealed = try AEAD.seal(
            password, using: keys.secrets,
            associatedData: secretAssociatedData(forest: forest, account: account, version: version, keyGeneration: keyGeneration))
        row.account = account
        row.currentVersion = version
        row.updatedAt = now
        try row.upsert(db)
        let record = SecretVersionRecord(
            forest: forest, version: version, account: account, createdAt: now, actor: identity.user,
            source: source.rawValue, reason: reason, rolledBackFrom: rolledBackFrom, sealed: sealed,
            fingerprint: fingerprint.hex, keyGeneration: keyGeneration)
        try record.insertVersion(db)
        var detail: [String: String] = ["account": account]
        if version > 1 && previousAccount != account { detail["previous_account"] = previousAccount }
        if let rolledBackFrom { detail["rolled_back_from"] = String(rolledBackFrom) }
        try audit.append(AuditEventDraft(
            action: AuditAction(source), forest: forest, version: version, fingerprint: fingerprint,
            reason: reason, detail: detail), in: db)
        Log.vault.debug("stored version", metadata: [
            "forest": "\(forest)", "version": "\(version)", "fingerprint": "\(fingerprint.short)"])
        return VersionInfo(record: record)
    }

    /// Decrypts a version (the current one by default). The read is audited; a version
    /// that fails to decrypt is audited as a failed read and reported as an integrity error.
    public func get(forest rawForest: String, version requested: Int? = nil) throws(CredVaultError) -> RevealedSecret {
        let forest = try Validation.forest(rawForest)
        if let requested { _ = try Validation.version(requested) }
        var revealed: SecureBytes?
        let (info, failure) = try database.writeTransaction { db -> (VersionInfo, CredVaultError?) in
            let record = try self.fetchVersion(db, forest: forest, version: requested)
            let info = VersionInfo(record: record)
            do {
                revealed = try self.decrypt(record)
                try self.audit.append(AuditEventDraft(
                    action: .get, forest: forest, version: record.version, fingerprint: info.fingerprint), in: db)
                return (info, nil)
            } catch let error as CredVaultError {
                // A tampered version is itself worth recording: commit the failed read, then report it.
                try self.audit.append(AuditEventDraft(
                    action: .get, forest: forest, version: record.version, outcome: .failed,
                    detail: ["error": "integrity"]), in: db)
                return (info, error)
            }
        }
        if let failure { throw failure }
        guard let password = revealed.take() else { throw .crypto("decryption produced nothing") }
        return RevealedSecret(info: info, password: password)
    }

    func fetchVersion(_ db: Database, forest: String, version requested: Int?) throws -> SecretVersionRecord {
        guard let forestRow = try ForestRecord.find(db, forest) else {
            throw CredVaultError.notFound("no forest \(forest) in the vault", hint: "`credvault list` shows the forests")
        }
        let version = requested ?? forestRow.currentVersion
        guard let record = try SecretVersionRecord.fetchOne(
            db.cachedStatement(sql: "SELECT * FROM secret_versions WHERE forest = ? AND version = ?"),
            arguments: [forest, version]) else {
            throw CredVaultError.notFound("\(forest) has no version \(version) (versions 1 to \(forestRow.currentVersion))")
        }
        return record
    }

    func decrypt(_ record: SecretVersionRecord) throws(CredVaultError) -> SecureBytes {
        let aad = secretAssociatedData(
            forest: record.forest, account: record.account, version: record.version, keyGeneration: record.keyGeneration)
        guard let password = try AEAD.open(record.sealed, using: keys.secrets, associatedData: aad) else {
            throw .integrity("\(record.forest) version \(record.version) failed its integrity check (ciphertext altered or moved); other versions are unaffected")
        }
        return password
    }

    /// Every forest with its account and current version, by name.
    public func list() throws(CredVaultError) -> [ForestSummary] {
        try database.read { db in
            try ForestRecord.order(Column("name")).fetchAll(db).map {
                ForestSummary(forest: $0.name, account: $0.account, currentVersion: $0.currentVersion, updatedAt: $0.updatedAt)
            }
        }
    }

    /// Every version of `forest`, oldest first, without decrypting any.
    public func history(forest rawForest: String) throws(CredVaultError) -> [VersionInfo] {
        let forest = try Validation.forest(rawForest)
        return try database.read { db in
            guard try ForestRecord.exists(db, key: forest) else {
                throw CredVaultError.notFound("no forest \(forest) in the vault", hint: "`credvault list` shows the forests")
            }
            return try SecretVersionRecord
                .filter(Column("forest") == forest)
                .order(Column("version"))
                .fetchAll(db)
                .map(VersionInfo.init(record:))
        }
    }

    /// Makes a new version holding version `target`'s password (history is never rewritten).
    @discardableResult
    public func rollback(forest rawForest: String, to target: Int, reason: String? = nil) throws(CredVaultError) -> VersionInfo {
        let forest = try Validation.forest(rawForest)
        _ = try Validation.version(target)
        return try database.writeTransaction { db in
            let record = try self.fetchVersion(db, forest: forest, version: target)
            let password = try self.decrypt(record)
            // Recomputed, not copied: the stored fingerprint column is not covered by the AEAD tag.
            let fingerprint = try self.fingerprint(forest: forest, password: password)
            return try self.appendVersion(
                db, forest: forest, account: record.account, password: password, source: .rollback,
                fingerprint: fingerprint, expectVersion: nil, reason: reason,
                rolledBackFrom: target)
        }
    }

    /// Stores every record as a new version, all in one transaction: one bad record and
    /// nothing is written. Records are validated before the transaction starts.
    @discardableResult
    public func importRecords(
        _ batch: ImportBatch,
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
        return try database.writeTransaction { db in
            for (index, entry) in batch.entries.enumerated() {
                let facts = prepared[index]
                try batch.withPassword(of: entry) { password in
                    _ = try self.appendVersion(
                        db, forest: facts.forest, account: facts.account, password: password, source: .import,
                        fingerprint: facts.fingerprint, expectVersion: nil, reason: nil, rolledBackFrom: nil)
                }
                progress?(index + 1, total)
            }
            return total
        }
    }
}

extension AuditAction {
    init(_ source: VersionSource) {
        switch source {
        case .set: self = .set
        case .generate: self = .generate
        case .rollback: self = .rollback
        case .import: self = .import
        }
    }
}

extension VersionInfo {
    init(record: SecretVersionRecord) {
        self.init(
            forest: record.forest, account: record.account, version: record.version, createdAt: record.createdAt,
            actor: record.actor, source: VersionSource(rawValue: record.source) ?? .set, reason: record.reason,
            rolledBackFrom: record.rolledBackFrom, fingerprint: Fingerprint(hex: record.fingerprint))
    }
}

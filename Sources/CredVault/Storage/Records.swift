import Foundation
import GRDB

/// A forest row: the account whose password the vault keeps, and its current version.
struct ForestRecord: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "forests"
    var name: String
    var account: String
    var currentVersion: Int
    var createdAt: String
    var updatedAt: String

    enum CodingKeys: String, CodingKey {
        case name, account
        case currentVersion = "current_version"
        case createdAt = "created_at"
        case updatedAt = "updated_at"
    }

    init(name: String, account: String, currentVersion: Int, createdAt: String, updatedAt: String) {
        self.name = name
        self.account = account
        self.currentVersion = currentVersion
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    /// Read by column, not through Codable's row decoder: every command reads a forest row,
    /// and the decoder's generic machinery cost more than the rest of a `get`'s queries.
    init(row: Row) throws {
        name = row["name"]
        account = row["account"]
        currentVersion = row["current_version"]
        createdAt = row["created_at"]
        updatedAt = row["updated_at"]
    }

    /// The forest named `name`, through a statement prepared once per connection.
    static func find(_ db: Database, _ name: String) throws -> ForestRecord? {
        try ForestRecord.fetchOne(db.cachedStatement(sql: "SELECT * FROM forests WHERE name = ?"), arguments: [name])
    }

    /// Inserts the row, or updates its account, version and time (cached SQL rather than the
    /// generic record persistence: `set` and every imported record run it).
    func upsert(_ db: Database) throws {
        try db.cachedStatement(sql: """
            INSERT INTO forests (name, account, current_version, created_at, updated_at) VALUES (?, ?, ?, ?, ?)
            ON CONFLICT(name) DO UPDATE SET account = excluded.account,
                current_version = excluded.current_version, updated_at = excluded.updated_at
            """).execute(arguments: [name, account, currentVersion, createdAt, updatedAt])
    }
}

/// One encrypted password version.
struct SecretVersionRecord: FetchableRecord, PersistableRecord {
    static let databaseTableName = "secret_versions"
    var forest: String
    var version: Int
    var account: String
    var createdAt: String
    var actor: String
    var source: String
    var reason: String?
    var rolledBackFrom: Int?
    var sealed: SealedBox
    var fingerprint: String
    var keyGeneration: Int

    init(forest: String, version: Int, account: String, createdAt: String, actor: String, source: String,
         reason: String?, rolledBackFrom: Int?, sealed: SealedBox, fingerprint: String, keyGeneration: Int) {
        self.forest = forest
        self.version = version
        self.account = account
        self.createdAt = createdAt
        self.actor = actor
        self.source = source
        self.reason = reason
        self.rolledBackFrom = rolledBackFrom
        self.sealed = sealed
        self.fingerprint = fingerprint
        self.keyGeneration = keyGeneration
    }

    init(row: Row) throws {
        forest = row["forest"]
        version = row["version"]
        account = row["account"]
        createdAt = row["created_at"]
        actor = row["actor"]
        source = row["source"]
        reason = row["reason"]
        rolledBackFrom = row["rolled_back_from"]
        do {
            sealed = try SealedBox(
                nonce: Nonce(bytes: [UInt8](row["nonce"] as Data)),
                ciphertext: [UInt8](row["ciphertext"] as Data))
        } catch {
            throw CredVaultError.integrity("\(forest) version \(version) is damaged: its ciphertext is malformed")
        }
        fingerprint = row["fingerprint"]
        keyGeneration = row["key_generation"]
    }

    /// Inserts the version with a cached statement (see `ForestRecord.upsert`).
    func insertVersion(_ db: Database) throws {
        try db.cachedStatement(sql: """
            INSERT INTO secret_versions (forest, version, account, created_at, actor, source, reason,
                                         rolled_back_from, nonce, ciphertext, fingerprint, key_generation)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [
                forest, version, account, createdAt, actor, source, reason, rolledBackFrom,
                Data(sealed.nonce.bytes), Data(sealed.ciphertext), fingerprint, keyGeneration,
            ])
    }

    func encode(to container: inout PersistenceContainer) throws {
        container["forest"] = forest
        container["version"] = version
        container["account"] = account
        container["created_at"] = createdAt
        container["actor"] = actor
        container["source"] = source
        container["reason"] = reason
        container["rolled_back_from"] = rolledBackFrom
        container["nonce"] = Data(sealed.nonce.bytes)
        container["ciphertext"] = Data(sealed.ciphertext)
        container["fingerprint"] = fingerprint
        container["key_generation"] = keyGeneration
    }
}

/// A key slot row.
struct KeySlotRecord {
    static func fetchAll(_ db: Database) throws -> [KeySlot] {
        try Row.fetchAll(db, sql: "SELECT * FROM key_slots ORDER BY created_at, id").map(decode)
    }

    static func decode(_ row: Row) throws -> KeySlot {
        let id: String = row["id"]
        guard let kind = KeySlotKind(rawValue: row["kind"]) else {
            throw CredVaultError.integrity("key slot \(id) has an unknown kind")
        }
        var kdf: KDFParameters?
        var salt: Salt?
        if kind == .passphrase {
            guard let ops: Int64 = row["kdf_opslimit"], let mem: Int64 = row["kdf_memlimit"],
                  let alg: Int32 = row["kdf_alg"], let saltData: Data = row["kdf_salt"] else {
                throw CredVaultError.integrity("passphrase slot \(id) has no KDF parameters")
            }
            kdf = KDFParameters(opsLimit: UInt64(ops), memLimit: UInt64(mem), algorithm: alg)
            salt = try Salt(bytes: [UInt8](saltData))
        }
        return KeySlot(
            id: id, kind: kind, label: row["label"], createdAt: row["created_at"], kdf: kdf, salt: salt,
            sealedMasterKey: try SealedBox(
                nonce: Nonce(bytes: [UInt8](row["nonce"] as Data)),
                ciphertext: [UInt8](row["wrapped_key"] as Data)),
            keyCheck: [UInt8](row["key_check"] as Data))
    }

    static func insert(_ slot: KeySlot, _ db: Database) throws {
        try db.execute(
            sql: """
                INSERT INTO key_slots (id, kind, label, created_at, kdf_salt, kdf_opslimit, kdf_memlimit,
                                       kdf_alg, nonce, wrapped_key, key_check)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                slot.id, slot.kind.rawValue, slot.label, slot.createdAt,
                slot.salt.map { Data($0.bytes) },
                slot.kdf.map { Int64(bitPattern: $0.opsLimit) },
                slot.kdf.map { Int64(bitPattern: $0.memLimit) },
                slot.kdf.map { $0.algorithm },
                Data(slot.sealedMasterKey.nonce.bytes), Data(slot.sealedMasterKey.ciphertext),
                Data(slot.keyCheck),
            ])
    }
}

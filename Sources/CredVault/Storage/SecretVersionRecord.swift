import Foundation
import GRDB

/// A `secret_versions` row: one encrypted password version.
struct SecretVersionRecord {
    /// The column order `init(row:)` reads.
    static let columns = """
        forest, version, account, created_at, actor, source, reason, rolled_back_from, nonce, ciphertext,
        fingerprint, key_generation, mac
        """
    /// Where `columns` puts the row's MAC.
    static let macIndex = 12
    static let macTag = "credvault-version-v1"

    var forest: String
    var version: Int
    var account: String
    var createdAt: String
    var actor: String
    var source: VersionSource
    var reason: String?
    var rolledBackFrom: Int?
    var sealed: SealedBox
    var fingerprint: Fingerprint
    var keyGeneration: Int

    init(forest: String, version: Int, account: String, createdAt: String, actor: String, source: VersionSource,
         reason: String?, rolledBackFrom: Int?, sealed: SealedBox, fingerprint: Fingerprint, keyGeneration: Int) {
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

    init(row: Row) throws(CredVaultError) {
        try self.init(columns: CheckedRow(row, table: "secret_versions"))
    }

    /// The same read from a raw statement's row (`list` reads forests and versions joined).
    init(columns: some CheckedColumns) throws(CredVaultError) {
        var columns = columns
        forest = try columns.text(0, "forest")
        version = try columns.integer(1, "version")
        columns.key = "\(forest) version \(version)"
        account = try columns.text(2, "account")
        createdAt = try columns.text(3, "created_at")
        actor = try columns.text(4, "actor")
        source = try columns.enumeration(5, "source")
        reason = try columns.optionalText(6, "reason")
        rolledBackFrom = try columns.optionalInteger(7, "rolled_back_from")
        let nonce = try columns.bytes(8, "nonce")
        let ciphertext = try columns.bytes(9, "ciphertext")
        do {
            sealed = try SealedBox(nonce: Nonce(bytes: nonce), ciphertext: ciphertext)
        } catch {
            throw .integrity("\(forest) version \(version) is damaged: its ciphertext is malformed")
        }
        fingerprint = try columns.fingerprint(10, "fingerprint")
        keyGeneration = try columns.integer(11, "key_generation")
    }

    /// What the CHECK constraints of `secret_versions` (migration v1-vault) require: a version
    /// from 1 up and one of the four sources they name. `insertVersion` checks it itself
    /// while an import runs with SQLite's CHECKs off.
    var meetsSchemaChecks: Bool {
        version >= 1 && SecretVersionRecord.schemaSources.contains(source.rawValue)
    }

    /// The sources v1-vault's CHECK names, spelled as it spells them.
    static let schemaSources: Set<String> = ["set", "generate", "rollback", "import"]

    /// Binds the parameters of an INSERT in `columns` order.
    func bind(to binder: inout StatementBinder, mac: [UInt8]) {
        binder.bind(forest); binder.bind(version); binder.bind(account); binder.bind(createdAt); binder.bind(actor)
        binder.bind(source.rawValue); binder.bind(reason); binder.bind(rolledBackFrom)
        binder.bind(bytes: sealed.nonce.bytes); binder.bind(bytes: sealed.ciphertext); binder.bind(fingerprint.hex)
        binder.bind(keyGeneration); binder.bind(bytes: mac)
    }
}

/// The MAC covers every column but the ciphertext, which the AEAD tag already covers
/// together with forest, account, version and key generation. The nonce is in the MAC: it
/// pins the one sealing this row holds, so a ciphertext of the same version from another
/// copy of the vault (restored, then written again) cannot be swapped in. The rest is what
/// `history`, `status` and `push` show or decide on without decrypting.
extension SecretVersionRecord: AuthenticatedRow {
    func canonicalBytes(vaultID: [UInt8]) -> [UInt8] {
        var encoder = CanonicalEncoder(capacity: 256)
        encoder.append(SecretVersionRecord.macTag)
        encoder.append(vaultID)
        encoder.append(forest)
        encoder.append(version)
        encoder.append(account)
        encoder.append(createdAt)
        encoder.append(actor)
        encoder.append(source.rawValue)
        encoder.appendOptional(reason)
        encoder.appendOptional(rolledBackFrom)
        encoder.append(sealed.nonce.bytes)
        encoder.append(fingerprint.hex)
        encoder.append(keyGeneration)
        return encoder.bytes
    }
}

import Foundation
import GRDB

/// A `rotations` row: the journal of the one rotation in flight for a forest. Its password is
/// sealed under the secrets subkey with the row's facts as associated data; the row is MAC'd
/// under the config subkey, so a state or time edited in the database is seen.
struct RotationRecord: AuthenticatedRow {
    var forest: String
    var state: RotationState
    var mode: RotationMode
    var source: VersionSource
    var account: String
    var baseVersion: Int
    var reason: String?
    var startedAt: String
    var updatedAt: String
    var sealed: SealedBox
    var fingerprint: Fingerprint
    var keyGeneration: Int
    var mac: [UInt8]

    static let macTag = "credvault-rotation-v1"

    static let columns = """
        forest, state, mode, source, account, base_version, reason, started_at, updated_at, nonce, ciphertext, fingerprint,
        key_generation, mac
        """

    init(forest: String, state: RotationState, mode: RotationMode, source: VersionSource, account: String, baseVersion: Int, reason: String?,
         startedAt: String, sealed: SealedBox, fingerprint: Fingerprint, keyGeneration: Int) {
        self.forest = forest
        self.state = state
        self.mode = mode
        self.source = source
        self.account = account
        self.baseVersion = baseVersion
        self.reason = reason
        self.startedAt = startedAt
        self.updatedAt = startedAt
        self.sealed = sealed
        self.fingerprint = fingerprint
        self.keyGeneration = keyGeneration
        self.mac = []
    }

    init(row: Row) throws(CredVaultError) {
        var columns = CheckedRow(row, table: "rotations")
        forest = try columns.value(0, "forest")
        columns.key = forest
        state = try columns.enumeration(1, "state")
        mode = try columns.enumeration(2, "mode")
        source = try columns.enumeration(3, "source")
        guard source == .generate || source == .set else { throw columns.malformed("source") }
        account = try columns.value(4, "account")
        baseVersion = try columns.value(5, "base_version")
        reason = try columns.optional(6, "reason")
        startedAt = try columns.value(7, "started_at")
        updatedAt = try columns.value(8, "updated_at")
        let nonce = try columns.bytes(9, "nonce")
        let ciphertext = try columns.bytes(10, "ciphertext")
        guard let box = try? SealedBox(nonce: Nonce(bytes: nonce), ciphertext: ciphertext) else {
            throw columns.malformed("ciphertext")
        }
        sealed = box
        fingerprint = try columns.fingerprint(11, "fingerprint")
        keyGeneration = try columns.value(12, "key_generation")
        mac = try columns.bytes(13, "mac")
    }

    /// Every column but the MAC (the ciphertext too: a swapped ciphertext fails here first).
    func canonicalBytes(vaultID: [UInt8]) -> [UInt8] {
        var encoder = CanonicalEncoder(capacity: 256)
        encoder.append(RotationRecord.macTag)
        encoder.append(vaultID)
        encoder.append(forest)
        encoder.append(state.rawValue)
        encoder.append(mode.rawValue)
        encoder.append(source.rawValue)
        encoder.append(account)
        encoder.append(baseVersion)
        encoder.appendOptional(reason)
        encoder.append(startedAt)
        encoder.append(updatedAt)
        encoder.append(sealed.nonce.bytes)
        encoder.append(sealed.ciphertext)
        encoder.append(fingerprint.hex)
        encoder.append(keyGeneration)
        return encoder.bytes
    }

    var arguments: StatementArguments {
        [forest, state.rawValue, mode.rawValue, source.rawValue, account, baseVersion, reason, startedAt, updatedAt,
         Data(sealed.nonce.bytes), Data(sealed.ciphertext), fingerprint.hex, keyGeneration, Data(mac)]
    }

    func journal(macValid: Bool) -> RotationJournal {
        RotationJournal(
            forest: forest, state: state, mode: mode, account: account, baseVersion: baseVersion, reason: reason,
            startedAt: startedAt, updatedAt: updatedAt, fingerprint: fingerprint, macValid: macValid)
    }
}

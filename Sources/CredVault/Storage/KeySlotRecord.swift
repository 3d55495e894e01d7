import Foundation
import GRDB

/// Reads and writes `key_slots` rows as `KeySlot`s.
enum KeySlotRecord {
    /// The column order `decode` reads and `arguments` binds.
    static let columns = "id, kind, label, created_at, kdf_salt, kdf_opslimit, kdf_memlimit, kdf_alg, nonce, wrapped_key, key_check, mac"
    static let macTag = "credvault-slot-row-v1"

    static func decode(_ row: Row) throws(CredVaultError) -> KeySlot {
        var columns = CheckedRow(row, table: "key_slots")
        let id: String = try columns.value(0, "id")
        columns.key = id
        let kind: KeySlotKind = try columns.enumeration(1, "kind")
        var kdf: KDFParameters?
        var salt: Salt?
        if kind == .passphrase {
            guard let ops = try columns.optional(5, "kdf_opslimit", as: Int64.self),
                  let mem = try columns.optional(6, "kdf_memlimit", as: Int64.self),
                  let alg = try columns.optional(7, "kdf_alg", as: Int32.self),
                  let saltBytes = try columns.optionalBytes(4, "kdf_salt") else {
                throw .integrity("passphrase slot \(id) has no KDF parameters")
            }
            guard KDFParameters.storedOpsLimits.contains(UInt64(bitPattern: ops)) else { throw columns.malformed("kdf_opslimit") }
            guard KDFParameters.storedMemLimits.contains(UInt64(bitPattern: mem)) else { throw columns.malformed("kdf_memlimit") }
            kdf = KDFParameters(opsLimit: UInt64(bitPattern: ops), memLimit: UInt64(bitPattern: mem), algorithm: alg)
            salt = try Salt(bytes: saltBytes)
        }
        let nonce = try columns.bytes(8, "nonce")
        let wrapped = try columns.bytes(9, "wrapped_key")
        let sealed = try SealedBox(nonce: Nonce(bytes: nonce), ciphertext: wrapped)
        return KeySlot(
            id: id, kind: kind, label: try columns.optional(2, "label"), createdAt: try columns.value(3, "created_at"),
            kdf: kdf, salt: salt, sealedMasterKey: sealed, keyCheck: try columns.bytes(10, "key_check"),
            storedMAC: try columns.optionalBytes(11, "mac"))
    }

    /// The arguments of an INSERT in `columns` order.
    static func arguments(_ slot: KeySlot, mac: [UInt8]) -> StatementArguments {
        [
            slot.id, slot.kind.rawValue, slot.label, slot.createdAt,
            slot.salt.map { Data($0.bytes) },
            slot.kdf.map { Int64(bitPattern: $0.opsLimit) },
            slot.kdf.map { Int64(bitPattern: $0.memLimit) },
            slot.kdf.map { $0.algorithm },
            Data(slot.sealedMasterKey.nonce.bytes), Data(slot.sealedMasterKey.ciphertext),
            Data(slot.keyCheck), Data(mac),
        ]
    }
}

/// A slot's MAC covers every column but the wrapped key, which its AEAD tag covers with the
/// slot id, kind and KDF settings. What the AEAD does not bind (label, created_at, the key
/// check) is what `keys` shows; it is checked once the vault is unlocked.
extension KeySlot: AuthenticatedRow {
    func canonicalBytes(vaultID: [UInt8]) -> [UInt8] {
        var encoder = CanonicalEncoder(capacity: 200)
        encoder.append(KeySlotRecord.macTag)
        encoder.append(vaultID)
        encoder.append(id)
        encoder.append(kind.rawValue)
        encoder.appendOptional(label)
        encoder.append(createdAt)
        if let kdf, let salt {
            encoder.append(Int64(bitPattern: kdf.opsLimit))
            encoder.append(Int64(bitPattern: kdf.memLimit))
            encoder.append(Int64(kdf.algorithm))
            encoder.append(salt.bytes)
        } else {
            encoder.appendAbsent()
        }
        encoder.append(sealedMasterKey.nonce.bytes)
        encoder.append(keyCheck)
        return encoder.bytes
    }
}



/// One wrapped copy of the master key (like a LUKS slot). Any slot opens the vault;
/// changing a passphrase re-wraps the master key in its slot and touches nothing else.
struct KeySlot {
    static let formatTag = "credvault-slot-v1"
    private static let keyCheckLabel = Array("credvault key check".utf8)

    let id: String
    let kind: KeySlotKind
    let label: String?
    let createdAt: String
    let kdf: KDFParameters?
    let salt: Salt?
    let sealedMasterKey: SealedBox
    let keyCheck: [UInt8]
    /// The row MAC as read from the vault (nil for a slot not stored yet, or not yet sealed).
    var storedMAC: [UInt8]? = nil

    /// Binds the wrap to this vault, this slot and its KDF settings: a slot copied into
    /// another vault, or with its parameters weakened, no longer opens.
    static func associatedData(
        vaultID: [UInt8], slotID: String, kind: KeySlotKind, kdf: KDFParameters?, salt: Salt?
    ) -> [UInt8] {
        var encoder = CanonicalEncoder()
        encoder.append(formatTag)
        encoder.append(vaultID)
        encoder.append(slotID)
        encoder.append(kind.rawValue)
        if let kdf, let salt {
            encoder.append(Int64(bitPattern: kdf.opsLimit))
            encoder.append(Int64(bitPattern: kdf.memLimit))
            encoder.append(Int64(kdf.algorithm))
            encoder.append(salt.bytes)
        }
        return encoder.bytes
    }

    /// BLAKE2b keyed with the key-encryption key: tells a wrong passphrase from a damaged
    /// slot at once, and makes the wrap key-committing (a second key cannot open it too).
    static func keyCheck(for kek: borrowing SymmetricKey) throws(CredVaultError) -> [UInt8] {
        try KeyedHash.mac(key: kek, keyCheckLabel)
    }

    static func seal(
        masterKey: borrowing SymmetricKey,
        under kek: borrowing SymmetricKey,
        vaultID: [UInt8],
        kind: KeySlotKind,
        label: String?,
        kdf: KDFParameters? = nil,
        salt: Salt? = nil,
        createdAt: String
    ) throws(CredVaultError) -> KeySlot {
        let slotID = Hex.encode(Nonce.random().bytes.prefix(8))
        let sealed = try AEAD.seal(
            masterKey.bytes, using: kek,
            associatedData: associatedData(vaultID: vaultID, slotID: slotID, kind: kind, kdf: kdf, salt: salt))
        return KeySlot(
            id: slotID, kind: kind, label: label, createdAt: createdAt, kdf: kdf, salt: salt,
            sealedMasterKey: sealed, keyCheck: try keyCheck(for: kek))
    }

    /// The master key, or nil when `kek` is not this slot's key.
    func unwrap(with kek: borrowing SymmetricKey, vaultID: [UInt8]) throws(CredVaultError) -> SymmetricKey? {
        guard KeyedHash.equal(try KeySlot.keyCheck(for: kek), keyCheck) else { return nil }
        let aad = KeySlot.associatedData(vaultID: vaultID, slotID: id, kind: kind, kdf: kdf, salt: salt)
        guard let master = try AEAD.open(sealedMasterKey, using: kek, associatedData: aad) else {
            throw .integrity("key slot \(id) is damaged: its key check matches but the wrapped key does not open")
        }
        return try SymmetricKey(master)
    }
}

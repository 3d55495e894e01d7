/// What a vault's slots are, before it is unlocked: so a caller does not ask for a
/// passphrase a vault has no slot for.
extension Vault {
    /// The kinds of the key slots of the vault at `path` (slot kinds are not secret).
    public static func slotKinds(at path: String) throws(CredVaultError) -> Set<KeySlotKind> {
        let database = try VaultDatabase.open(at: path)
        return try database.read { tx in Set(try tx.keySlots().map(\.kind)) }
    }
}

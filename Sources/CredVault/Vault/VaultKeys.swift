/// The subkeys an unlocked vault works with, derived once from the master key.
/// The master key itself is kept only for re-wrapping (new slots, passphrase change).
final class VaultKeys {
    let master: SymmetricKey
    let secrets: SymmetricKey
    let fingerprint: SymmetricKey
    let config: SymmetricKey

    init(master: consuming SymmetricKey) throws(CredVaultError) {
        secrets = try master.deriveSubkey(.secrets)
        fingerprint = try master.deriveSubkey(.fingerprint)
        config = try master.deriveSubkey(.configMAC)
        self.master = master
    }

    func auditKey() throws(CredVaultError) -> SymmetricKey {
        try master.deriveSubkey(.auditMAC)
    }
}

/// Reads what a connector's target holds now, once per push or status: a file target by
/// the fingerprint of the password in it, an exec target from the last write that reached it.
struct TargetProbe {
    let vault: Vault

    func read(_ connector: ConnectorConfig, forest: Vault.ForestState) throws(CredVaultError) -> TargetReading {
        switch connector.adapter {
        case .file:
            guard let file = connector.file else { throw .integrity("connector \(connector.name) has no file") }
            guard FileAdapter.exists(file.path) else { return TargetReading(missing: true) }
            let password = try FileAdapter.readPassword(file)
            let fingerprint = try vault.fingerprint(forest: forest.name, password: password).hex
            return TargetReading(fingerprint: fingerprint, version: forest.version(of: fingerprint))
        case .exec:
            guard let last = try vault.lastWrite(connector: connector.name) else { return TargetReading() }
            return TargetReading(fingerprint: last.fingerprint.hex, version: forest.version(of: last.fingerprint.hex))
        }
    }
}

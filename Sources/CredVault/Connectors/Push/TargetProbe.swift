/// Reads what a connector's target holds now, once per push or status: a file target by
/// the fingerprint of the password in it, an exec target from the last write that reached it.
struct TargetProbe {
    let vault: Vault

    func read(_ connector: ConnectorConfig, forest: Vault.ForestState) throws(CredVaultError) -> TargetReading {
        switch connector.adapter {
        case .file:
            guard let file = connector.file else { throw .integrity("connector \(connector.name) has no file") }
            guard FileAdapter.exists(file.path) else { return TargetReading(missing: true) }
            let loaded = try FileAdapter.load(file.path)
            let password = try FileAdapter.password(in: loaded, target: file)
            let fingerprint = try vault.fingerprint(forest: forest.name, password: password).hex
            var reading = TargetReading(fingerprint: fingerprint, version: forest.version(of: fingerprint))
            if let pin = file.pin,
               let change = pin.change(in: loaded, lastWrittenInode: try vault.lastWrittenInode(connector: connector.name)) {
                // Only our own interrupted write is forgiven: same place, owner and mode, and one of
                // this forest's passwords in it (a push killed between its rename and its commit).
                guard change == .replaced, loaded.device == pin.device, reading.version != nil else {
                    throw .targetChanged(connector: connector.name, path: file.path, change: change)
                }
                reading.adoptedInode = loaded.inode
            }
            return reading
        case .exec:
            guard let last = try vault.lastWrite(connector: connector.name) else { return TargetReading() }
            return TargetReading(fingerprint: last.fingerprint.hex, version: forest.version(of: last.fingerprint.hex))
        }
    }
}

import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Connector rows (validated, MAC-checked) and the facts a push reads: forest state, last pushes.
extension Vault {
    // MARK: Connectors

    /// Validates and stores a connector (audited `connector.add`). The forest must exist; a file
    /// target must parse in its format and hold its keys; hook commands must be runnable.
    @discardableResult
    public func addConnector(_ proposed: ConnectorConfig) throws(CredVaultError) -> ConnectorConfig {
        var connector = try validatedConnector(proposed)
        connector.createdAt = Timestamp.now()
        var record = try ConnectorRecord(connector)
        record.mac = try record.computeMAC(key: keys.config, vaultID: vaultID)
        let finalConnector = connector
        try database.writeTransaction { tx in
            guard try tx.forestExists(finalConnector.forest) else {
                throw CredVaultError.missing(.forestForConnector(finalConnector.forest))
            }
            if try tx.connectorExists(named: finalConnector.name) {
                throw CredVaultError.cannotCreate("a connector named \(finalConnector.name) already exists; remove it first or pick another name")
            }
            try tx.insertConnector(record)
            try tx.countConnector(forest: finalConnector.forest, by: 1)
            try self.audit.append(AuditEventDraft(
                action: .connectorAdd, forest: finalConnector.forest, connector: finalConnector.name,
                detail: Vault.auditDetail(of: finalConnector)), in: tx)
        }
        return finalConnector
    }

    /// What `connector.add` records of a connector (and `connector.change` compares).
    static func auditDetail(of connector: ConnectorConfig) -> [String: String] {
        var detail = ["adapter": connector.adapter.rawValue, "target": connector.targetDescription]
        if let restart = connector.restartArgv { detail["restart"] = CommandLineSplitter.display(restart) }
        if let health = connector.healthArgv { detail["health"] = CommandLineSplitter.display(health) }
        detail["timeout_seconds"] = String(connector.timeoutSeconds)
        if connector.file?.followSymlinks == true { detail["follow_symlinks"] = "true" }
        addServiceDetail(of: connector, to: &detail)
        return detail
    }

    /// `proposed` checked and normalised as `addConnector` stores it: the name, the timeout, the
    /// target (a file that parses and holds its keys, or a runnable command) and the hooks.
    func validatedConnector(_ proposed: ConnectorConfig) throws(CredVaultError) -> ConnectorConfig {
        var connector = proposed
        connector.name = try Validation.connectorName(proposed.name)
        connector.forest = try Validation.forest(proposed.forest)
        guard ConnectorConfig.timeoutRange.contains(connector.timeoutSeconds) else {
            throw .invalidInput("the timeout must be 1 to 3600 seconds, not \(connector.timeoutSeconds)")
        }
        switch connector.adapter {
        case .file:
            guard var file = connector.file else { throw .usage(.fileConnectorNeedsTarget) }
            file.path = Vault.absolutePath(file.path)
            _ = try FileAdapter.validate(file)
            file.pin = try TargetPin.take(file.path, followSymlinks: file.followSymlinks)
            connector.file = file
            connector.execArgv = nil
        case .exec:
            guard let argv = connector.execArgv else { throw .usage(.execConnectorNeedsCommand) }
            connector.execArgv = try Vault.checkedCommand(argv, role: .exec)
            connector.file = nil
        }
        connector.restartArgv = try connector.restartArgv.map { (argv) throws(CredVaultError) in try Vault.checkedCommand(argv, role: .restart) }
        connector.healthArgv = try connector.healthArgv.map { (argv) throws(CredVaultError) in try Vault.checkedCommand(argv, role: .health) }
        return try connector.checkedService()
    }

    /// Every connector (optionally of one forest), by name, each with its MAC verdict.
    public func connectors(forest: String? = nil) throws(CredVaultError) -> [ConnectorEntry] {
        let records = try database.read { tx in
            try RowSets.requireConnectorCounts(tx, only: forest)
            return try tx.connectors(forest: forest)
        }
        var entries: [ConnectorEntry] = []
        for record in records { entries.append(try entry(record)) }
        return entries
    }

    /// The names of a forest's connectors, by name: what `set` needs to say who still holds an
    /// older password, without decoding and verifying every connector's configuration.
    public func connectorNames(forest: String) throws(CredVaultError) -> [String] {
        try database.read { tx in try tx.connectorNames(forest: forest) }
    }

    /// One connector with its MAC verdict; `.missing(.connector)` when there is none.
    public func connector(named rawName: String) throws(CredVaultError) -> ConnectorEntry {
        let name = try Validation.connectorName(rawName)
        let record = try database.read { tx in
            let found = try tx.connector(named: name)
            if let found { try RowSets.requireConnectorCounts(tx, only: found.forest) }
            return found
        }
        guard let record else {
            throw .missing(.connector(name))
        }
        return try entry(record)
    }

    private func entry(_ record: ConnectorRecord) throws(CredVaultError) -> ConnectorEntry {
        let valid = try record.macMatches(record.mac, key: keys.config, vaultID: vaultID)
        do {
            return ConnectorEntry(config: try record.decode(), macValid: valid)
        } catch {
            let fallback = ConnectorConfig(
                name: record.name, forest: record.forest, adapter: record.adapter,
                timeoutSeconds: record.timeoutSeconds, createdAt: record.createdAt)
            return ConnectorEntry(config: fallback, macValid: false)
        }
    }

    /// Deletes a connector (audited `connector.remove`). Its push history stays.
    public func removeConnector(named rawName: String) throws(CredVaultError) {
        let name = try Validation.connectorName(rawName)
        try database.writeTransaction { tx in
            guard let forest = try tx.connectorForest(named: name) else {
                throw CredVaultError.missing(.connector(name))
            }
            try tx.deleteConnector(named: name)
            try tx.countConnector(forest: forest, by: -1)
            try self.audit.append(AuditEventDraft(action: .connectorRemove, forest: forest, connector: name), in: tx)
        }
    }

    /// The service facts of a connector in its `connector.add` event (only those it has).
    static func addServiceDetail(of connector: ConnectorConfig, to detail: inout [String: String]) {
        if let pause = connector.pauseArgv { detail["pause"] = CommandLineSplitter.display(pause) }
        if let resume = connector.resumeArgv { detail["resume"] = CommandLineSplitter.display(resume) }
        if let role = connector.role { detail["role"] = role }
        if !connector.dcURLs.isEmpty { detail["dcs"] = connector.dcURLs.joined(separator: " ") }
    }

    static func absolutePath(_ path: String) -> String {
        URL(fileURLWithPath: path).standardized.path
    }

    /// argv with a relative program path made absolute; the program must exist and be executable.
    static func checkedCommand(_ argv: [String], role: HookRole) throws(CredVaultError) -> [String] {
        guard var program = argv.first, !program.isEmpty else { throw .emptyCommand(role) }
        var result = argv
        if program.contains("/") {
            program = absolutePath(program)
            result[0] = program
            guard access(program, X_OK) == 0 else {
                throw .missing(.program(role, program: program, searchedPath: false))
            }
        } else {
            let searchPath = ProcessInfo.processInfo.environment["PATH"] ?? HookEnvironment.defaultPath
            let found = searchPath.split(separator: ":").contains { access("\($0)/\(program)", X_OK) == 0 }
            guard found else { throw .missing(.program(role, program: program, searchedPath: true)) }
        }
        return result
    }

    // MARK: Pushes (used by Pusher and status)

    struct ForestState {
        let name: String
        let account: String
        let currentVersion: Int
        let currentFingerprint: String
        let currentCreatedAt: String
        /// Every version's full fingerprint, oldest first.
        let versions: [(version: Int, fingerprint: String)]

        /// The newest version with this fingerprint.
        func version(of fingerprint: String) -> Int? {
            versions.last { $0.fingerprint == fingerprint }?.version
        }
    }

    func forestState(_ forest: String) throws(CredVaultError) -> ForestState {
        try database.read { tx in
            guard let row = try tx.forest(named: forest) else {
                // Versions without their forest row: the row was deleted, not never made.
                if try tx.versionsExist(of: forest) { throw CredVaultError.rowTampered(table: "forests", key: forest) }
                throw CredVaultError.missing(.forest(forest))
            }
            let versions = try tx.versionStamps(of: forest)
            try RowSets.requireComplete(versions.map(\.version), forest: row)
            let current = versions.last { $0.version == row.currentVersion }
            return ForestState(
                name: forest, account: row.account, currentVersion: row.currentVersion,
                currentFingerprint: current?.fingerprint.hex ?? "", currentCreatedAt: current?.createdAt ?? row.updatedAt,
                versions: versions.map { ($0.version, $0.fingerprint.hex) })
        }
    }

    /// Decrypts a version for a push (the push's own audit events record its use).
    func passwordForPush(forest: String, version: Int) throws(CredVaultError) -> SecureBytes {
        let record = try database.read { tx in try self.fetchVersion(tx, forest: forest, version: version) }
        return try decrypt(record)
    }

    func lastPush(connector: String) throws(CredVaultError) -> PushRecord? {
        try database.read { tx in
            try Vault.requirePushHistory(tx, connector: connector)
            return try tx.recentPushes(connector: connector, limit: 1).first
        }
    }

    /// The push rows of `connector`'s forest are all there (a deleted newest row would make
    /// an older, better outcome look current).
    private static func requirePushHistory(_ tx: StoreTransaction, connector: String) throws {
        guard let forest = try tx.connectorForest(named: connector) else { return }
        try RowSets.requirePushCount(tx, forest: forest)
    }

    /// How far back `lastWrite` looks: failed writes do not pile up by the dozen.
    static let writeLookback = 50

    /// The newest push of `connector` whose write reached the target.
    func lastWrite(connector: String) throws(CredVaultError) -> PushRecord? {
        try database.read { tx in
            try Vault.requirePushHistory(tx, connector: connector)
            return try tx.recentPushes(connector: connector, limit: Vault.writeLookback).first { $0.wroteTarget }
        }
    }

    /// The inode the newest write to `connector`'s pinned file left there (nil: none recorded).
    func lastWrittenInode(connector: String) throws(CredVaultError) -> UInt64? {
        try database.read { tx in try tx.lastTargetInode(connector: connector) }
    }

    /// When a push of `forest` last ended healthy.
    func lastHealthyPush(forest: String) throws(CredVaultError) -> String? {
        try database.read { tx in
            try RowSets.requirePushCount(tx, forest: forest)
            return try tx.pushes(forest: forest).filter { $0.state == .healthy }.map(\.updatedAt).max()
        }
    }
}

import Foundation
import GRDB
#if canImport(Glibc)
import Glibc
#endif

/// A connector as stored, with the verdict of its row MAC.
public struct ConnectorEntry: Sendable, Equatable {
    public let config: ConnectorConfig
    /// False when the row was changed outside credvault: such a connector is never pushed through.
    public let macValid: Bool
}

public enum PushKind: String, Sendable, Codable { case push, restart, rollback }
public enum PushState: String, Sendable, Codable { case written, restarted, healthy, failed }
public enum PushStep: String, Sendable, Codable { case write, restart, health, done }

/// One row of the `pushes` table: a push (or a restart-only run, or a rollback) of one connector.
public struct PushRecord: Sendable, Equatable {
    public let id: Int64
    public let connector: String
    public let forest: String
    public let version: Int
    public let fingerprint: String
    public let kind: PushKind
    public let state: PushState
    public let step: PushStep
    public let startedAt: String
    public let updatedAt: String
    public let error: String?

    init(row: Row) {
        id = row["id"]
        connector = row["connector"]
        forest = row["forest"]
        version = row["version"]
        fingerprint = row["fingerprint"]
        kind = PushKind(rawValue: row["kind"]) ?? .push
        state = PushState(rawValue: row["state"]) ?? .failed
        step = PushStep(rawValue: row["step"]) ?? .write
        startedAt = row["started_at"]
        updatedAt = row["updated_at"]
        error = row["error"]
    }

    /// The write of this row reached the target.
    var wroteTarget: Bool { !(state == .failed && step == .write) }

    /// The restart after this row's write succeeded (or was not needed).
    var restartSucceeded: Bool {
        switch state {
        case .restarted, .healthy: return true
        case .failed: return step == .health || step == .done
        case .written: return false
        }
    }
}

extension Vault {
    // MARK: Connectors

    /// Validates and stores a connector (audited `connector.add`). The forest must exist; a file
    /// target must parse in its format and hold its keys; hook commands must be runnable.
    @discardableResult
    public func addConnector(_ proposed: ConnectorConfig) throws(CredVaultError) -> ConnectorConfig {
        var connector = proposed
        connector.name = try Validation.connectorName(proposed.name)
        connector.forest = try Validation.forest(proposed.forest)
        guard ConnectorConfig.timeoutRange.contains(connector.timeoutSeconds) else {
            throw .invalidInput("the timeout must be 1 to 3600 seconds, not \(connector.timeoutSeconds)")
        }
        switch connector.adapter {
        case .file:
            guard var file = connector.file else { throw .usage("a file connector needs --file, --format and --password-key") }
            file.path = Vault.absolutePath(file.path)
            connector.file = file
            _ = try FileAdapter.validate(file)
            connector.execArgv = nil
        case .exec:
            guard let argv = connector.execArgv else { throw .usage("an exec connector needs --exec") }
            connector.execArgv = try Vault.checkedCommand(argv, what: "--exec")
            connector.file = nil
        }
        connector.restartArgv = try connector.restartArgv.map { (argv) throws(CredVaultError) in try Vault.checkedCommand(argv, what: "--restart") }
        connector.healthArgv = try connector.healthArgv.map { (argv) throws(CredVaultError) in try Vault.checkedCommand(argv, what: "--health") }
        connector.createdAt = Timestamp.now()
        var record = try ConnectorRecord(connector)
        record.mac = try record.computeMAC(key: keys.config, vaultID: vaultID)
        let finalConnector = connector
        try database.writeTransaction { db in
            guard try ForestRecord.exists(db, key: finalConnector.forest) else {
                throw CredVaultError.notFound(
                    "no forest \(finalConnector.forest) in the vault",
                    hint: "store its password first: `credvault set \(finalConnector.forest) --account ACCOUNT --stdin`")
            }
            if try Row.fetchOne(db, sql: "SELECT 1 FROM connectors WHERE name = ?", arguments: [finalConnector.name]) != nil {
                throw CredVaultError.cannotCreate("a connector named \(finalConnector.name) already exists; remove it first or pick another name")
            }
            try record.insert(db)
            var detail = ["adapter": finalConnector.adapter.rawValue, "target": finalConnector.targetDescription]
            if let restart = finalConnector.restartArgv { detail["restart"] = CommandLineSplitter.display(restart) }
            if let health = finalConnector.healthArgv { detail["health"] = CommandLineSplitter.display(health) }
            detail["timeout_seconds"] = String(finalConnector.timeoutSeconds)
            try self.audit.append(AuditEventDraft(
                action: .connectorAdd, forest: finalConnector.forest, connector: finalConnector.name, detail: detail), in: db)
        }
        return finalConnector
    }

    /// Every connector (optionally of one forest), by name, each with its MAC verdict.
    public func connectors(forest: String? = nil) throws(CredVaultError) -> [ConnectorEntry] {
        let rows = try database.read { db in
            if let forest {
                return try Row.fetchAll(db, sql: "SELECT * FROM connectors WHERE forest = ? ORDER BY name", arguments: [forest])
            }
            return try Row.fetchAll(db, sql: "SELECT * FROM connectors ORDER BY name")
        }
        var entries: [ConnectorEntry] = []
        for row in rows { entries.append(try entry(ConnectorRecord(row: row))) }
        return entries
    }

    /// The names of a forest's connectors, by name: what `set` needs to say who still holds an
    /// older password, without decoding and verifying every connector's configuration.
    public func connectorNames(forest: String) throws(CredVaultError) -> [String] {
        try database.read { db in
            try String.fetchAll(db.cachedStatement(sql: "SELECT name FROM connectors WHERE forest = ? ORDER BY name"),
                                arguments: [forest])
        }
    }

    /// One connector with its MAC verdict; `.notFound` when there is none.
    public func connector(named rawName: String) throws(CredVaultError) -> ConnectorEntry {
        let name = try Validation.connectorName(rawName)
        let row = try database.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM connectors WHERE name = ?", arguments: [name])
        }
        guard let row else {
            throw .notFound("no connector named \(name)", hint: "`credvault connector list` shows the connectors")
        }
        return try entry(ConnectorRecord(row: row))
    }

    /// The connector, refused with `.integrity` when its row fails the MAC check.
    public func verifiedConnector(named name: String) throws(CredVaultError) -> ConnectorConfig {
        let entry = try connector(named: name)
        guard entry.macValid else { throw Vault.tampered(entry.config.name) }
        return entry.config
    }

    static func tampered(_ name: String) -> CredVaultError {
        .integrity("connector \(name) was changed in the database outside credvault (its MAC does not match); refusing to use it. Check the vault, then `credvault connector remove \(name)` and add it again")
    }

    private func entry(_ record: ConnectorRecord) throws(CredVaultError) -> ConnectorEntry {
        let expected = try record.computeMAC(key: keys.config, vaultID: vaultID)
        let valid = KeyedHash.equal(expected, record.mac)
        do {
            return ConnectorEntry(config: try record.decode(), macValid: valid)
        } catch {
            let fallback = ConnectorConfig(
                name: record.name, forest: record.forest, adapter: ConnectorAdapter(rawValue: record.adapter) ?? .file,
                timeoutSeconds: record.timeoutSeconds, createdAt: record.createdAt)
            return ConnectorEntry(config: fallback, macValid: false)
        }
    }

    /// Deletes a connector (audited `connector.remove`). Its push history stays.
    public func removeConnector(named rawName: String) throws(CredVaultError) {
        let name = try Validation.connectorName(rawName)
        try database.writeTransaction { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT forest FROM connectors WHERE name = ?", arguments: [name]) else {
                throw CredVaultError.notFound("no connector named \(name)", hint: "`credvault connector list` shows the connectors")
            }
            let forest: String = row["forest"]
            try db.execute(sql: "DELETE FROM connectors WHERE name = ?", arguments: [name])
            try self.audit.append(AuditEventDraft(action: .connectorRemove, forest: forest, connector: name), in: db)
        }
    }

    static func absolutePath(_ path: String) -> String {
        URL(fileURLWithPath: path).standardized.path
    }

    /// argv with a relative program path made absolute; the program must exist and be executable.
    static func checkedCommand(_ argv: [String], what: String) throws(CredVaultError) -> [String] {
        guard var program = argv.first, !program.isEmpty else { throw .invalidInput("the \(what) command is empty") }
        var result = argv
        if program.contains("/") {
            program = absolutePath(program)
            result[0] = program
            guard access(program, X_OK) == 0 else {
                throw .notFound("the \(what) program \(program) does not exist or is not executable")
            }
        } else {
            let searchPath = ProcessInfo.processInfo.environment["PATH"] ?? HookEnvironment.defaultPath
            let found = searchPath.split(separator: ":").contains { access("\($0)/\(program)", X_OK) == 0 }
            guard found else { throw .notFound("the \(what) program \(program) is not on PATH") }
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
        try database.read { db in
            guard let row = try ForestRecord.find(db, forest) else {
                throw CredVaultError.notFound(
                    "no forest \(forest) in the vault", hint: "`credvault list` shows the forests")
            }
            let versions = try Row.fetchAll(
                db.cachedStatement(sql: "SELECT version, fingerprint, created_at FROM secret_versions WHERE forest = ? ORDER BY version"),
                arguments: [forest])
            let current = versions.last { ($0["version"] as Int) == row.currentVersion }
            return ForestState(
                name: forest, account: row.account, currentVersion: row.currentVersion,
                currentFingerprint: current?["fingerprint"] ?? "", currentCreatedAt: current?["created_at"] ?? row.updatedAt,
                versions: versions.map { ($0["version"], $0["fingerprint"]) })
        }
    }

    /// Decrypts a version for a push (the push's own audit events record its use).
    func passwordForPush(forest: String, version: Int) throws(CredVaultError) -> SecureBytes {
        let record = try database.read { db in try self.fetchVersion(db, forest: forest, version: version) }
        return try decrypt(record)
    }

    func lastPush(connector: String) throws(CredVaultError) -> PushRecord? {
        try database.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM pushes WHERE connector = ? ORDER BY id DESC LIMIT 1", arguments: [connector])
                .map(PushRecord.init(row:))
        }
    }

    /// The newest push of `connector` whose write reached the target.
    func lastWrite(connector: String) throws(CredVaultError) -> PushRecord? {
        try database.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM pushes WHERE connector = ? ORDER BY id DESC LIMIT 50", arguments: [connector])
                .map(PushRecord.init(row:)).first { $0.wroteTarget }
        }
    }

    /// When a push of `forest` last ended healthy.
    func lastHealthyPush(forest: String) throws(CredVaultError) -> String? {
        try database.read { db in
            try String.fetchOne(db, sql: "SELECT MAX(updated_at) FROM pushes WHERE forest = ? AND state = 'healthy'", arguments: [forest])
        }
    }

    /// Inserts a push row and its audit event in one transaction.
    func recordPush(
        connector: ConnectorConfig, version: Int, fingerprint: Fingerprint, kind: PushKind, state: PushState, step: PushStep,
        error: String?, event: AuditEventDraft
    ) throws(CredVaultError) -> Int64 {
        try database.writeTransaction { db in
            let now = Timestamp.now()
            try db.execute(
                sql: """
                    INSERT INTO pushes (connector, forest, version, fingerprint, kind, state, step, started_at, updated_at, error)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [connector.name, connector.forest, version, fingerprint.hex, kind.rawValue, state.rawValue,
                            step.rawValue, now, now, error])
            let id = db.lastInsertedRowID
            try self.audit.append(event, in: db)
            return id
        }
    }

    /// Moves a push row to its next state and appends the step's audit event, in one transaction.
    func updatePush(id: Int64, state: PushState, step: PushStep, error: String?, event: AuditEventDraft) throws(CredVaultError) {
        try database.writeTransaction { db in
            try db.execute(
                sql: "UPDATE pushes SET state = ?, step = ?, updated_at = ?, error = ? WHERE id = ?",
                arguments: [state.rawValue, step.rawValue, Timestamp.now(), error, id])
            try self.audit.append(event, in: db)
        }
    }

    /// Appends one audit event on its own (a refusal worth recording).
    func recordEvent(_ draft: AuditEventDraft) throws(CredVaultError) {
        try database.writeTransaction { db in _ = try self.audit.append(draft, in: db) }
    }

    /// A push lock beside the vault: one push at a time (a timer and a person cannot interleave).
    func acquirePushLock() throws(CredVaultError) -> Int32 {
        let lockPath = database.path + ".push-lock"
        let fd = Glibc.open(lockPath, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw .io("cannot open the push lock \(lockPath): \(String(cString: strerror(errno)))") }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            close(fd)
            throw .busy("another `credvault push` is running on this vault; try again when it has finished")
        }
        return fd
    }
}

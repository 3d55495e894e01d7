import GRDB
#if canImport(Glibc)
import Glibc
#endif

/// The one owner of the vault's SQLite file (the shape of GRDB's demo `AppDatabase`): it
/// holds the writer, and lends a `StoreTransaction`, whose intention-named methods are the
/// only SQL in the code base. Every change runs in `writeTransaction`: a `BEGIN IMMEDIATE`
/// transaction, so concurrent writers queue on SQLite's lock instead of losing each other's
/// updates, and so a change and its audit event commit together.
final class VaultDatabase {
    let path: String
    private let queue: DatabaseQueue
    /// Set once the vault is unlocked: from then on every transaction checks and MACs rows.
    var rows: RowAuthenticator?

    private init(path: String, queue: DatabaseQueue) {
        self.path = path
        self.queue = queue
    }

    deinit {
        #if os(Linux)
        // GRDB's DatabaseQueue.deinit unregisters NotificationCenter observers that it only
        // registers on iOS; on Linux that call first creates NotificationCenter.default, 0.7 M
        // instructions at the end of every command. Closing the connection here does what the
        // queue's release would (SQLite checkpoints and deletes the WAL: the vault at rest is
        // one file); the closed queue (a few kilobytes, its connection gone) is then kept to the
        // process's end instead of being deinitialised. If closing fails, the queue is
        // released as before.
        if (try? queue.close()) != nil { _ = Unmanaged.passRetained(queue) }
        #endif
    }

    /// How long a command waits for another writer's lock before reporting `busy`: writers
    /// hold it for milliseconds, a rekey of a large vault for seconds.
    static let busyTimeout: Double = 30

    private static func configuration(checking fileGuard: VaultFileGuard? = nil) -> Configuration {
        var config = Configuration()
        if let fileGuard { config.prepareDatabase { db in try fileGuard.verifyBeforeUse(db) } }
        config.foreignKeysEnabled = true
        // Other writers hold the lock for milliseconds; wait for them rather than fail.
        config.busyMode = .timeout(busyTimeout)
        // Bound values may be ciphertext or names: keep them out of error messages.
        config.publicStatementArguments = false
        config.prepareDatabase { db in
            // WAL is set here rather than with `config.journalMode = .wal`: GRDB's WAL set-up
            // runs after this closure and lowers `synchronous` to NORMAL, which would leave a
            // commit unsynced until the next checkpoint.
            guard try String.fetchOne(db, sql: "PRAGMA journal_mode = WAL") == "wal" else {
                throw CredVaultError.io("cannot switch the vault to WAL mode")
            }
            // Durable at each commit: an audit event acknowledged is an audit event kept.
            try db.execute(sql: "PRAGMA synchronous = FULL")
            // SQLite checkpoints and deletes the WAL when a command's connection closes: a vault
            // at rest is one file, which can be copied or restored on its own. (Keeping the WAL
            // between commands would save two syncs per command, but a stale WAL left beside a
            // restored copy would be replayed onto it; see bench/NOTES.md.)
        }
        return config
    }

    /// Makes a new, empty vault file (mode 0600) and its schema. Refuses an existing file.
    static func create(at path: String) throws(CredVaultError) -> VaultDatabase {
        try PrivateFile.createEmpty(path, what: "vault")
        do {
            let queue = try DatabaseQueue(path: path, configuration: configuration())
            try queue.write { db in
                try db.execute(sql: "PRAGMA application_id = \(Schema.applicationID)")
            }
            try Schema.migrator.migrate(queue)
            return VaultDatabase(path: path, queue: queue)
        } catch {
            removeFiles(at: path)
            throw StorageErrors.map(error, path: path)
        }
    }

    /// Opens an existing vault, checking it is one and that others cannot read it.
    static func open(at path: String) throws(CredVaultError) -> VaultDatabase {
        let fileGuard = try VaultFileGuard.open(path)
        do {
            // Look before writing: the vault's own configuration switches the file to WAL,
            // which would change a foreign SQLite file handed to us by mistake.
            switch try headerKind(path) {
            case .vault: break
            case .other: throw CredVaultError.invalidInput("\(path) is not a CredVault vault")
            case .unsure: try probeReadOnly(path)
            }
            let queue = try DatabaseQueue(path: path, configuration: configuration(checking: fileGuard))
            // The format gate read the migration rows as the connection was prepared: a current
            // vault (every command's case) skips the migrator's own read; otherwise GRDB's
            // migrator checks and migrates as before.
            if !fileGuard.schemaWasCurrent { try migrate(queue, path: path) }
            return VaultDatabase(path: path, queue: queue)
        } catch {
            throw StorageErrors.map(error, path: path)
        }
    }

    /// Runs the migrations a vault has not recorded. One that fails on SQL (a column it adds is
    /// already there) means the migration record was edited, not that the disk failed.
    private static func migrate(_ queue: DatabaseQueue, path: String) throws {
        do {
            try Schema.migrator.migrate(queue)
        } catch let error as DatabaseError where error.resultCode == .SQLITE_ERROR {
            throw CredVaultError.integrity(
                "the vault \(path) does not match its migration record (grdb_migrations changed outside credvault); nothing was changed")
        }
    }

    private enum HeaderKind { case vault, other, unsure }

    /// Reads SQLite's 100-byte file header: magic string, then the application id at offset 68.
    /// A plain read costs microseconds where opening a probe connection costs a millisecond,
    /// and every command opens the vault.
    private static func headerKind(_ path: String) throws(CredVaultError) -> HeaderKind {
        let fd = Glibc.open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw .io("cannot open vault \(path): \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        var header = [UInt8](repeating: 0, count: 100)
        let count = Glibc.read(fd, &header, header.count)
        let magic = Array("SQLite format 3\u{0}".utf8)
        guard count == header.count, Array(header[0..<16]) == magic else { return .other }
        let applicationID = Int32(bitPattern: UInt32(header[68]) << 24 | UInt32(header[69]) << 16
            | UInt32(header[70]) << 8 | UInt32(header[71]))
        if applicationID == Schema.applicationID { return .vault }
        // A vault whose creating process died before its first checkpoint keeps the header
        // page in its WAL only: ask SQLite, which reads the WAL too.
        return access(path + "-wal", F_OK) == 0 ? .unsure : .other
    }

    /// A read-only connection with SQLite's defaults checks the application id, changing nothing.
    private static func probeReadOnly(_ path: String) throws {
        var probeConfiguration = Configuration()
        probeConfiguration.readonly = true
        probeConfiguration.busyMode = .timeout(busyTimeout)
        probeConfiguration.publicStatementArguments = false
        let probe = try DatabaseQueue(path: path, configuration: probeConfiguration)
        let appID = try probe.read { db in try Int32.fetchOne(db, sql: "PRAGMA application_id") ?? 0 }
        try probe.close()
        guard appID == Schema.applicationID else {
            throw CredVaultError.invalidInput("\(path) is not a CredVault vault")
        }
    }

    /// Runs `body` in one BEGIN IMMEDIATE transaction: it all commits, or none of it does.
    func writeTransaction<T>(_ body: (StoreTransaction) throws -> T) throws(CredVaultError) -> T {
        do {
            return try queue.writeWithoutTransaction { db in
                var result: T?
                try db.inTransaction(.immediate) {
                    result = try body(StoreTransaction(db: db, rows: rows))
                    return .commit
                }
                return result!
            }
        } catch {
            throw StorageErrors.map(error, path: path)
        }
    }

    /// Runs `body` in one read transaction: a consistent snapshot, however long it takes.
    func read<T>(_ body: (StoreTransaction) throws -> T) throws(CredVaultError) -> T {
        do {
            return try queue.read { db in try body(StoreTransaction(db: db, rows: rows)) }
        } catch {
            throw StorageErrors.map(error, path: path)
        }
    }

    /// Copies the last committed state into the new, empty file `destination`.
    ///
    /// Called inside a write transaction that stays open: SQLite's backup API refuses a
    /// source connection that is writing, so the copy reads through a second, read-only
    /// connection, and the held write lock means nothing lands in between.
    func copyCommittedState(to destination: String) throws {
        var readOnly = Configuration()
        readOnly.readonly = true
        readOnly.publicStatementArguments = false
        let source = try DatabaseQueue(path: path, configuration: readOnly)
        var targetConfiguration = Configuration()
        targetConfiguration.publicStatementArguments = false
        let target = try DatabaseQueue(path: destination, configuration: targetConfiguration)
        try source.backup(to: target)
        try target.close()
        try source.close()
    }

    /// Removes a database file and the WAL and shared-memory files SQLite keeps beside it.
    static func removeFiles(at path: String) {
        for suffix in ["", "-wal", "-shm"] { unlink(path + suffix) }
    }
}

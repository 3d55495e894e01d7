import GRDB
#if canImport(Glibc)
import Glibc
#endif

/// The one owner of the vault's SQLite file. Every change runs in `writeTransaction`:
/// a `BEGIN IMMEDIATE` transaction, so concurrent writers queue on SQLite's lock instead of
/// losing each other's updates, and so a change and its audit event commit together.
final class VaultDatabase {
    let path: String
    private let queue: DatabaseQueue

    private init(path: String, queue: DatabaseQueue) {
        self.path = path
        self.queue = queue
    }

    private static func configuration() -> Configuration {
        var config = Configuration()
        config.foreignKeysEnabled = true
        config.journalMode = .wal
        // Other writers hold the lock for milliseconds; wait for them rather than fail.
        config.busyMode = .timeout(30)
        // Bound values may be ciphertext or names: keep them out of error messages.
        config.publicStatementArguments = false
        config.prepareDatabase { db in
            // Durable at each commit: an audit event acknowledged is an audit event kept.
            try db.execute(sql: "PRAGMA synchronous = FULL")
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
            unlink(path)
            unlink(path + "-wal")
            unlink(path + "-shm")
            throw StorageErrors.map(error, path: path)
        }
    }

    /// Opens an existing vault, checking it is one and that others cannot read it.
    static func open(at path: String) throws(CredVaultError) -> VaultDatabase {
        var info = stat()
        guard stat(path, &info) == 0 else {
            if errno == ENOENT {
                throw .notFound("no vault at \(path)", hint: "run `credvault init` to create one, or pass --vault")
            }
            throw .io("cannot open vault \(path): \(String(cString: strerror(errno)))")
        }
        guard (info.st_mode & S_IFMT) != S_IFDIR else {
            throw .notFound("\(path) is a directory, not a vault file", hint: "pass --vault with the vault file's path")
        }
        guard (info.st_mode & S_IFMT) == S_IFREG else { throw .invalidInput("\(path) is not a regular file") }
        guard info.st_mode & 0o077 == 0 else {
            throw .insecurePermissions(path: path, hint: "run `chmod 600 \(path)`")
        }
        do {
            // Look before writing: the vault's own configuration switches the file to WAL,
            // which would change a foreign SQLite file handed to us by mistake. A read-only
            // connection with SQLite's defaults checks the application id and changes nothing.
            var probeConfiguration = Configuration()
            probeConfiguration.readonly = true
            probeConfiguration.busyMode = .timeout(30)
            probeConfiguration.publicStatementArguments = false
            let probe = try DatabaseQueue(path: path, configuration: probeConfiguration)
            let state = try probe.read { db -> (Int32, Bool) in
                let appID = try Int32.fetchOne(db, sql: "PRAGMA application_id") ?? 0
                guard appID == Schema.applicationID else { return (appID, false) }
                return (appID, try Schema.migrator.hasCompletedMigrations(db))
            }
            try probe.close()
            guard state.0 == Schema.applicationID else {
                throw CredVaultError.invalidInput("\(path) is not a CredVault vault")
            }
            let queue = try DatabaseQueue(path: path, configuration: configuration())
            if !state.1 { try Schema.migrator.migrate(queue) }
            return VaultDatabase(path: path, queue: queue)
        } catch {
            throw StorageErrors.map(error, path: path)
        }
    }

    /// Runs `body` in one BEGIN IMMEDIATE transaction: it all commits, or none of it does.
    func writeTransaction<T>(_ body: (Database) throws -> T) throws(CredVaultError) -> T {
        do {
            return try queue.writeWithoutTransaction { db in
                var result: T?
                try db.inTransaction(.immediate) {
                    result = try body(db)
                    return .commit
                }
                return result!
            }
        } catch {
            throw StorageErrors.map(error, path: path)
        }
    }

    func read<T>(_ body: (Database) throws -> T) throws(CredVaultError) -> T {
        do {
            return try queue.read(body)
        } catch {
            throw StorageErrors.map(error, path: path)
        }
    }
}

/// Turns SQLite's and GRDB's errors into CredVaultError at the storage boundary.
enum StorageErrors {
    static func map(_ error: any Error, path: String) -> CredVaultError {
        if let error = error as? CredVaultError { return error }
        if let error = error as? DatabaseError {
            switch error.resultCode {
            case .SQLITE_BUSY, .SQLITE_LOCKED:
                return .busy("the vault \(path) is busy (another credvault is writing); try again")
            case .SQLITE_READONLY:
                return .io("the vault \(path) is read-only; nothing was changed")
            case .SQLITE_FULL:
                return .io("the vault \(path) is full (disk or page limit); nothing was changed")
            case .SQLITE_NOTADB:
                return .invalidInput("\(path) is not a CredVault vault")
            case .SQLITE_CORRUPT:
                return .integrity("the vault \(path) is damaged (SQLite reports corruption)")
            case .SQLITE_CANTOPEN, .SQLITE_PERM, .SQLITE_AUTH:
                return .io("cannot open vault \(path)")
            case .SQLITE_IOERR:
                return .io("I/O error on vault \(path)")
            case .SQLITE_CONSTRAINT:
                return .integrity("the vault \(path) refused a change that breaks its rules: \(error.message ?? "constraint")")
            default:
                return .io("database error on \(path): \(error.message ?? "\(error.resultCode)")")
            }
        }
        return .io("unexpected error on \(path): \(error)")
    }
}

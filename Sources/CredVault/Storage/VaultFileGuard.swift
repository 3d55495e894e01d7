import GRDB
internal import GRDBSQLite
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// The vault file checked on a descriptor, and proof that SQLite opened that same file.
///
/// Checking a path and then opening it again races: a second process can swap the path between
/// the vault and a world-readable copy in between. So the path is opened once (O_NOFOLLOW: the
/// vault path itself is never a symbolic link), every check is made with fstat on that
/// descriptor, and once SQLite has opened its own descriptor (before it reads or writes a
/// page) `verifySQLiteOpenedSameFile` requires one of the descriptors that appeared since to
/// be the same inode (st_dev, st_ino). A swap in between is refused, whichever side wins.
final class VaultFileGuard: Sendable {
    let path: String
    private let descriptor: Int32
    private let device: UInt64
    private let inode: UInt64
    /// Descriptors open when the guard was made: SQLite's are the ones that appear later.
    /// An array, not a Set: the first `Set<Int32>` of a process makes the Swift runtime scan
    /// every conformance record for `Int32: Hashable` (0.4 M instructions of each open), and
    /// a process has a handful of descriptors.
    private let descriptorsBefore: [Int32]
    /// Set by `verifyBeforeUse`: the format gate found every migration applied.
    private let migrationsComplete = Atomic<Bool>(false)

    private init(path: String, descriptor: Int32, info: stat) {
        self.path = path
        self.descriptor = descriptor
        self.device = UInt64(info.st_dev)
        self.inode = UInt64(info.st_ino)
        self.descriptorsBefore = VaultFileGuard.openDescriptors()
    }

    deinit { close(descriptor) }

    /// Opens `path` without following a final symbolic link and checks, on the descriptor,
    /// that it is a regular file of ours that group and others cannot read.
    static func open(_ path: String) throws(CredVaultError) -> VaultFileGuard {
        // O_NONBLOCK: a FIFO put in the vault's place must not block the open.
        let fd = Glibc.open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK)
        guard fd >= 0 else { throw openError(path, errno) }
        var info = stat()
        guard fstat(fd, &info) == 0 else {
            let code = errno
            close(fd)
            throw .io("cannot stat vault \(path): \(String(cString: strerror(code)))")
        }
        do throws(CredVaultError) {
            try check(info, path: path)
        } catch {
            close(fd)
            throw error
        }
        return VaultFileGuard(path: path, descriptor: fd, info: info)
    }

    private static func openError(_ path: String, _ code: Int32) -> CredVaultError {
        switch code {
        case ENOENT:
            return .missing(.vault(path: path))
        case ELOOP:
            return .invalidInput("\(path) is a symbolic link, not the vault file itself")
        default:
            return .io("cannot open vault \(path): \(String(cString: strerror(code)))")
        }
    }

    private static func check(_ info: stat, path: String) throws(CredVaultError) {
        guard (info.st_mode & S_IFMT) != S_IFDIR else {
            throw .missing(.vaultIsDirectory(path: path))
        }
        guard (info.st_mode & S_IFMT) == S_IFREG else { throw .invalidInput("\(path) is not a regular file") }
        guard info.st_mode & 0o077 == 0 else {
            throw .insecurePermissions(path: path)
        }
        let me = geteuid()
        guard info.st_uid == me else {
            throw .foreignOwner(path: path, owner: info.st_uid, user: me)
        }
    }

    /// The checks SQLite's connection gets before credvault uses it (the first thing in
    /// prepareDatabase, before WAL mode or any migration can write): same file, known format.
    func verifyBeforeUse(_ db: Database) throws {
        if let fd = VaultFileGuard.sqliteDescriptor(db) {
            try verifySame(fd)
        } else {
            try verifySQLiteOpenedSameFile()
        }
        let complete = try VaultFormatGate.refuseNewer(db, path: path)
        migrationsComplete.store(complete, ordering: .sequentiallyConsistent)
    }

    /// Whether the connection `verifyBeforeUse` checked found the schema current, so opening
    /// needs no migration check of its own.
    var schemaWasCurrent: Bool { migrationsComplete.load(ordering: .sequentiallyConsistent) }

    /// SQLite's own descriptor of the main database file. The unix VFS's file object starts with
    /// its methods, its VFS, its inode info and then the descriptor (`unixFile.h`, stable since
    /// SQLite 3.7); read only when the connection's VFS is one of the "unix" family. SQLite may
    /// hand a connection a descriptor an earlier connection of this process left open (POSIX
    /// locks), so "a descriptor that appeared since" is only the fallback for other VFSes.
    private static func sqliteDescriptor(_ db: Database) -> Int32? {
        var file: UnsafeMutableRawPointer?
        guard sqlite3_file_control(db.sqliteConnection, "main", SQLITE_FCNTL_FILE_POINTER, &file) == SQLITE_OK,
              let file else { return nil }
        let fields = file.assumingMemoryBound(to: UnsafeRawPointer?.self)
        guard let vfs = fields[1]?.assumingMemoryBound(to: sqlite3_vfs.self),
              let name = vfs.pointee.zName, String(cString: name).hasPrefix("unix") else { return nil }
        return file.load(fromByteOffset: 3 * MemoryLayout<UnsafeRawPointer>.stride, as: Int32.self)
    }

    private func verifySame(_ fd: Int32) throws(CredVaultError) {
        var info = stat()
        guard fstat(fd, &info) == 0, UInt64(info.st_dev) == device, UInt64(info.st_ino) == inode else {
            throw .integrity("the vault \(path) was replaced while it was being opened; nothing was changed")
        }
    }

    /// Called as SQLite's connection is prepared, before its first page is read: one of the
    /// descriptors opened since the guard was made must be our inode.
    func verifySQLiteOpenedSameFile() throws(CredVaultError) {
        for fd in VaultFileGuard.openDescriptors() where !descriptorsBefore.contains(fd) {
            var info = stat()
            if fstat(fd, &info) == 0, UInt64(info.st_dev) == device, UInt64(info.st_ino) == inode { return }
        }
        throw .integrity("the vault \(path) was replaced while it was being opened; nothing was changed")
    }

    /// The numbers of this process's open descriptors (/proc/self/fd).
    private static func openDescriptors() -> [Int32] {
        guard let directory = opendir("/proc/self/fd") else {
            // No /proc: ask each of the first descriptor numbers whether it is open.
            return (0..<Int32(4096)).filter { fcntl($0, F_GETFD) != -1 }
        }
        defer { closedir(directory) }
        var result: [Int32] = []
        while let entry = readdir(directory) {
            let name = withUnsafePointer(to: &entry.pointee.d_name) { pointer in
                pointer.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
            }
            // The listing's own descriptor is closed at once: SQLite may get its number next.
            if let fd = Int32(name), fd != dirfd(directory) { result.append(fd) }
        }
        return result
    }
}

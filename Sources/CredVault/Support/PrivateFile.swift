#if canImport(Glibc)
import Glibc
#endif

/// New files that hold secrets: created 0600, never over an existing file.
enum PrivateFile {
    /// Creates `path` with mode 0600 (O_EXCL) and returns its open descriptor for writing.
    static func createExclusive(_ path: String, what: String) throws(CredVaultError) -> Int32 {
        let fd = Glibc.open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            if errno == EEXIST { throw .cannotCreate("\(path) already exists; refusing to overwrite a \(what)") }
            throw .cannotCreate("cannot create \(what) \(path): \(String(cString: strerror(errno)))")
        }
        return fd
    }

    /// Creates an empty `path` with mode 0600, for SQLite to fill.
    static func createEmpty(_ path: String, what: String) throws(CredVaultError) {
        close(try createExclusive(path, what: what))
    }
}

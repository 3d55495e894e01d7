#if canImport(Glibc)
import Glibc
#endif

/// Files that hold a key or a passphrase: created 0600, refused when group or others can read them.
public enum SecretFile {
    public static let maxSize = 64 * 1024

    public static func read(_ path: String, what: String) throws(CredVaultError) -> SecureBytes {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            if errno == ENOENT { throw .missing(.file(what: what, path: path)) }
            throw .io("cannot read \(what) \(path): \(String(cString: strerror(errno)))")
        }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw .io("cannot stat \(what) \(path)") }
        guard (info.st_mode & S_IFMT) == S_IFREG else { throw .invalidInput("\(what) \(path) is not a regular file") }
        guard info.st_mode & 0o077 == 0 else {
            throw .insecurePermissions(path: path)
        }
        guard info.st_size <= maxSize else { throw .invalidInput("\(what) \(path) is larger than 64 KiB") }
        var buffer = try SecureBytes(count: Int(info.st_size))
        let filled = buffer.withUnsafeMutableBytes { POSIXIO.read(fd, into: $0) }
        guard filled == buffer.count else { throw .io("short read from \(what) \(path)") }
        return buffer
    }

    /// A passphrase file's first line, without its line break (as `--passphrase-file` documents:
    /// anything after the first line is not part of the passphrase).
    public static func readPassphrase(_ path: String) throws(CredVaultError) -> SecureBytes {
        let contents = try read(path, what: "passphrase file")
        return try contents.withUnsafeBytes { (raw) throws(CredVaultError) -> SecureBytes in
            let end = raw.firstIndex(of: UInt8(ascii: "\n")).map { $0 + 1 } ?? raw.count
            return try SecureBytes(copying: trimmingNewline(UnsafeRawBufferPointer(rebasing: raw[0..<end])))
        }
    }

    /// Creates `path` with mode 0600 (never replacing a file) and writes `bytes` to it.
    public static func create(_ path: String, contents bytes: UnsafeRawBufferPointer, what: String) throws(CredVaultError) {
        let fd = try PrivateFile.createExclusive(path, what: what)
        guard POSIXIO.writeAll(bytes, to: fd) else { close(fd); unlink(path); throw .io("cannot write \(what) \(path)") }
        guard fsync(fd) == 0, close(fd) == 0 else { unlink(path); throw .io("cannot write \(what) \(path)") }
    }

    /// The bytes without one final "\n" or "\r\n".
    static func trimmingNewline(_ raw: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer {
        var end = raw.count
        if end > 0 && raw[end - 1] == UInt8(ascii: "\n") { end -= 1 }
        if end > 0 && raw[end - 1] == UInt8(ascii: "\r") { end -= 1 }
        return UnsafeRawBufferPointer(rebasing: raw[0..<end])
    }
}

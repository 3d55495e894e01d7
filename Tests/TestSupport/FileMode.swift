import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Permission bits and identity of files, as the tests check them.
public enum FileMode {
    /// What stat(2) says about a file (following symlinks).
    public struct Status: Equatable, Sendable {
        /// Permission bits with setuid, setgid and sticky (st_mode & 07777).
        public let mode: Int
        public let uid: uid_t
        public let gid: gid_t
        public let inode: UInt
    }

    /// The file's status, or nil when it does not exist.
    public static func status(_ path: String) -> Status? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return Status(mode: Int(info.st_mode & 0o7777), uid: info.st_uid, gid: info.st_gid, inode: UInt(info.st_ino))
    }

    /// The permission bits of `path`, or nil when it does not exist.
    public static func of(_ path: String) -> Int? {
        status(path)?.mode
    }

    /// chmod `path` to `mode`.
    public static func set(_ path: String, _ mode: Int) throws {
        guard chmod(path, mode_t(mode)) == 0 else {
            throw TestFailure("chmod \(String(mode, radix: 8)) \(path) failed: errno \(errno)")
        }
    }
}

#if canImport(Glibc)
import Glibc
#endif

/// A lock file beside the vault: one push at a time (a timer and a person cannot interleave).
/// Held from `acquire` until the value is dropped. It is an open-file-description record lock
/// (not `flock`), so `isHeld` can ask whether a push holds it without taking it: a `status`
/// run never makes a timer's push fail as busy.
final class PushLock {
    /// `F_OFD_GETLK` and `F_OFD_SETLK` (Linux 3.15+), not exported by the Glibc module.
    private static let ofdGetLock: Int32 = 36
    private static let ofdSetLock: Int32 = 37

    private let fd: Int32

    private init(fd: Int32) {
        self.fd = fd
    }

    deinit { close(fd) }

    static func acquire(beside vaultPath: String) throws(CredVaultError) -> PushLock {
        let lockPath = vaultPath + ".push-lock"
        let fd = Glibc.open(lockPath, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw .io("cannot open the push lock \(lockPath): \(String(cString: strerror(errno)))") }
        var lock = wholeFile(Int16(F_WRLCK))
        guard fcntl(fd, ofdSetLock, &lock) == 0 else {
            close(fd)
            throw .pushInProgress
        }
        return PushLock(fd: fd)
    }

    /// Whether a push holds the lock now (false when there is no lock file or it cannot be read).
    static func isHeld(beside vaultPath: String) -> Bool {
        let fd = Glibc.open(vaultPath + ".push-lock", O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var lock = wholeFile(Int16(F_RDLCK))
        guard fcntl(fd, ofdGetLock, &lock) == 0 else { return false }
        return lock.l_type != Int16(F_UNLCK)
    }

    private static func wholeFile(_ type: Int16) -> flock {
        var lock = flock()
        lock.l_type = type
        lock.l_whence = Int16(SEEK_SET)
        lock.l_start = 0
        lock.l_len = 0
        return lock
    }
}

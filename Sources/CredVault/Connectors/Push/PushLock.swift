#if canImport(Glibc)
import Glibc
#endif

/// A lock file beside the vault: one push at a time (a timer and a person cannot interleave).
/// Held from `acquire` until the value is dropped.
final class PushLock {
    private let fd: Int32

    private init(fd: Int32) {
        self.fd = fd
    }

    deinit { close(fd) }

    static func acquire(beside vaultPath: String) throws(CredVaultError) -> PushLock {
        let lockPath = vaultPath + ".push-lock"
        let fd = Glibc.open(lockPath, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw .io("cannot open the push lock \(lockPath): \(String(cString: strerror(errno)))") }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            close(fd)
            throw .pushInProgress
        }
        return PushLock(fd: fd)
    }
}

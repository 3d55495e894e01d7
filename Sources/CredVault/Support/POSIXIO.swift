#if canImport(Glibc)
import Glibc
#endif

/// The read-all and write-all loops over a file descriptor, retrying on EINTR, so that every
/// caller only decides what a short read or a failed write means for it.
public enum POSIXIO {
    /// Reads into `buffer` until it is full or the file ends. Returns how many bytes were read,
    /// or nil when a read failed (`errno` then says why).
    public static func read(_ fd: Int32, into buffer: UnsafeMutableRawBufferPointer) -> Int? {
        var total = 0
        while total < buffer.count {
            let n = Glibc.read(fd, buffer.baseAddress! + total, buffer.count - total)
            if n < 0 && errno == EINTR { continue }
            if n < 0 { return nil }
            if n == 0 { break }
            total += n
        }
        return total
    }

    /// Writes all of `bytes`. Returns false when a write failed or wrote nothing (`errno` then
    /// says why, if a write failed).
    @discardableResult
    public static func writeAll(_ bytes: UnsafeRawBufferPointer, to fd: Int32) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let n = Glibc.write(fd, bytes.baseAddress! + offset, bytes.count - offset)
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { return false }
            offset += n
        }
        return true
    }
}

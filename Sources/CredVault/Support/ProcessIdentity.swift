#if canImport(Glibc)
import Glibc
#endif

/// Who is acting, as the audit trail records it: OS user and uid, host, process id.
public struct ProcessIdentity: Sendable, Equatable {
    public let user: String
    public let uid: UInt32
    public let host: String
    public let pid: Int32

    public static func current() -> ProcessIdentity {
        let uid = getuid()
        var user = "uid\(uid)"
        var entry = passwd()
        var result: UnsafeMutablePointer<passwd>?
        var buffer = [CChar](repeating: 0, count: 4096)
        if getpwuid_r(uid, &entry, &buffer, buffer.count, &result) == 0, result != nil, let name = entry.pw_name {
            user = String(cString: name)
        }
        var hostBuffer = [CChar](repeating: 0, count: 256)
        let host = gethostname(&hostBuffer, hostBuffer.count - 1) == 0
            ? String(decoding: hostBuffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self) : "unknown"
        return ProcessIdentity(user: user, uid: uid, host: host, pid: getpid())
    }
}

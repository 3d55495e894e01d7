#if canImport(Glibc)
import Glibc
#endif

/// Who is acting, as the audit trail records it: OS user and uid, host, process id, and
/// under sudo the invoking user. `user` is the actor text: `alice (sudo as root)` under sudo
/// (the audit format has no field for the invoker: the actor string carries the name, and
/// each event's detail adds `sudo_user` and `sudo_uid`), `uid` always the real one.
public struct ProcessIdentity: Sendable, Equatable {
    public let user: String
    public let uid: UInt32
    public let host: String
    public let pid: Int32
    public let sudo: SudoInvoker?

    public init(user: String, uid: UInt32, host: String, pid: Int32, sudo: SudoInvoker? = nil) {
        self.user = sudo.map { "\($0.user) (sudo as \(user))" } ?? user
        self.uid = uid
        self.host = host
        self.pid = pid
        self.sudo = sudo
    }

    /// The invoker as audit detail keys: `sudo_user`, and `sudo_uid` when sudo gave one.
    var sudoDetail: [String: String] {
        guard let sudo else { return [:] }
        var detail = ["sudo_user": sudo.user]
        if let uid = sudo.uid { detail["sudo_uid"] = String(uid) }
        return detail
    }

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
        let sudo = SudoInvoker.fromEnvironment(effectiveUID: geteuid(), user: user)
        return ProcessIdentity(user: user, uid: uid, host: host, pid: getpid(), sudo: sudo)
    }
}

#if canImport(Glibc)
import Glibc
#endif

/// The person behind a `sudo credvault …`: sudo's `SUDO_USER` and `SUDO_UID`.
///
/// Only believed when the process runs as root: any other user could set these variables to
/// name someone else, while root could write any audit line anyway. A name with a space or a
/// control character is ignored rather than escaped, so the actor text stays one plain word.
public struct SudoInvoker: Sendable, Equatable {
    public let user: String
    public let uid: UInt32?

    public init(user: String, uid: UInt32?) {
        self.user = user
        self.uid = uid
    }

    /// The invoker named by the environment, or nil when not under sudo as root.
    static func fromEnvironment(effectiveUID: UInt32, user runAs: String) -> SudoInvoker? {
        guard effectiveUID == 0, let raw = getenv("SUDO_USER") else { return nil }
        let name = String(cString: raw)
        let plain = (1...256).contains(name.utf8.count) && name.utf8.allSatisfy { (0x21...0x7E).contains($0) }
        // `sudo -u root` from root itself is no hand-off worth recording.
        guard plain, name != runAs else { return nil }
        let uid = getenv("SUDO_UID").flatMap { UInt32(String(cString: $0)) }
        return SudoInvoker(user: name, uid: uid)
    }
}

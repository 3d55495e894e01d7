import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// Names one hook run in the environment of everything it starts: `CREDVAULT_HOOK_RUN=PID-N-R`,
/// which every descendant inherits, also after `setsid` or once re-parented to credvault.
///
/// Being re-parented to credvault (the subreaper) is not proof of descent: any other process
/// that credvault's process started (a second hook runner in the same process, a library
/// user's own children, another test's daemon when the tests run in one process) becomes an
/// orphan of ours the same way. The descendant walk therefore kills only processes that carry
/// this run's mark. Not a secret: it tells nothing about the password.
public struct HookRunMark: Sendable, Equatable {
    public static let variable = "CREDVAULT_HOOK_RUN"
    private static let runs = Atomic<Int>(0)

    /// `PID-N-RANDOM`: unique among this process's runs, and the random part keeps a later
    /// process that got the same pid from matching an older run's daemons.
    public let value: String

    init(value: String) { self.value = value }

    /// The next run's mark.
    static func next() -> HookRunMark {
        let run = runs.add(1, ordering: .relaxed).newValue
        let nonce = String(UInt64.random(in: .min ... .max), radix: 16)
        return HookRunMark(value: "\(getpid())-\(run)-\(nonce)")
    }

    /// The environment entry as /proc/PID/environ holds it (without its terminating NUL).
    var entry: [UInt8] { Array("\(Self.variable)=\(value)".utf8) }
}

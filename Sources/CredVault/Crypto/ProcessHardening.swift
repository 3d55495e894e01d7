internal import CSodium
#if canImport(Glibc)
import Glibc
#endif

/// Process-wide protections a secrets tool turns on before it touches a secret. It lives in
/// Crypto/ because it guards what Crypto/ holds (keys and passwords in memory), and because
/// its prctl call goes through the CSodium shim, which only Crypto/ imports.
public enum ProcessHardening {
    /// umask 077 (files we create are private), no core dumps, and no ptrace by other
    /// processes of the same user (PR_SET_DUMPABLE 0).
    public static func apply() {
        umask(0o077)
        var noCore = rlimit(rlim_cur: 0, rlim_max: 0)
        setrlimit(Int32(RLIMIT_CORE.rawValue), &noCore)
        _ = credvault_disable_dumping()
    }

    /// Whether orphaned descendants are re-parented to this process instead of init
    /// (PR_SET_CHILD_SUBREAPER), so the hook runner can find and kill every process a hook
    /// left behind (HookDescendants). Here for the same reason: prctl goes through the shim.
    static func adoptOrphans(_ on: Bool) {
        _ = credvault_set_child_subreaper(on ? 1 : 0)
    }
}

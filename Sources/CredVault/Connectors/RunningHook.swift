#if canImport(Glibc)
import Glibc
#endif

/// The process group of the hook running right now (hooks run one at a time).
///
/// A hook runs in its own process group so its timeout can take down everything it started;
/// the same separation means a Ctrl-C at the terminal no longer reaches it. The CLI's signal
/// handler calls `terminate()` so that interrupting `credvault push` never leaves a restart
/// hook running on its own.
public enum RunningHook {
    nonisolated(unsafe) private static var processGroup: pid_t = 0

    static func started(_ group: pid_t) { processGroup = group; HookDescendants.spare(group) }
    static func finished() { processGroup = 0 }

    /// Kills the running hook's whole group at once. There is no grace period: the caller is
    /// about to die of the same signal, and anything it waited for would race its exit. (The
    /// push's own record already says the restart is pending, so the next push retries it.)
    /// Async-signal-safe: it reads one word and calls only kill(2).
    public static func terminate() {
        let group = processGroup
        guard group > 0 else { return }
        // Stopped first, killed last: the push waits for the hook, so it cannot finish and
        // exit while the walk is still killing the hook's descendants outside its group.
        kill(-group, SIGSTOP)
        HookDescendants.killAll(exceptHook: true)
        kill(-group, SIGKILL)
    }
}

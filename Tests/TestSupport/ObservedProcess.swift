import Foundation

/// A process a test knows only by a pid it read from a file (a hook's child, a daemon), named
/// with its start time so that killing it later can never hit another process that got the
/// same pid. The kernel hands out pids again once its counter wraps (32768 on many machines),
/// and a busy test run wraps it within seconds: a bare `kill(pid, SIGKILL)` in a `defer`, for
/// a process the test expects to be gone by then, has killed another test's service.
public struct ObservedProcess: Sendable {
    public let pid: pid_t
    /// Field 22 of /proc/PID/stat: clock ticks after boot; nil when it was already gone.
    let startTime: String?

    public init(_ pid: pid_t) {
        self.pid = pid
        startTime = pid > 0 ? Self.startTime(of: pid) : nil
    }

    /// Reads the pid from a file; a missing or empty file gives an observed nothing (pid 0).
    public init(pidFile path: String) {
        let text = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
        self.init(pid_t(text.trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0)
    }

    /// Still the process observed (same pid, same start time) and not a zombie.
    public var isRunning: Bool {
        guard let startTime, Self.startTime(of: pid) == startTime else { return false }
        return !ProcessRunner.isGone(pid)
    }

    /// SIGKILL, only if the pid still names the process observed.
    public func killIfRunning() {
        if isRunning { kill(pid, SIGKILL) }
    }

    private static func startTime(of pid: pid_t) -> String? {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = stat.lastIndex(of: ")") else { return nil }
        // After "pid (comm) " the fields are state (3), ppid (4), ...: start time is field 22.
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        return fields.count > 19 ? String(fields[19]) : nil
    }
}

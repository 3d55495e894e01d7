#if canImport(Glibc)
import Glibc
#endif

/// Finds and kills every process a hook left behind, including those that left its process
/// group (`setsid`, `setpgid`) or whose parent exited.
///
/// While a hook runs credvault is a child subreaper (PR_SET_CHILD_SUBREAPER): an orphaned
/// descendant is re-parented to credvault instead of init, so every process the hook started
/// still has a parent chain leading to us. At the deadline (and on interrupt) `killAll` walks
/// /proc for those processes, kills them, reaps the ones re-parented to us, and repeats until
/// none is left. A process is killed only if it also carries the run's `HookRunMark` in its
/// environment: the parent chain alone would take in every orphan of this process, not only
/// the hook's (in one test process it killed other tests' daemons). Children credvault already
/// had when the hook started are left alone too. A descendant that empties its environment
/// (`env -i`) is out of reach once it has also left the hook's process group.
///
/// The walk allocates nothing after `begin()`: it runs inside the interrupt handler too
/// (readdir on a directory stream opened in advance, open/read/close, kill, waitpid).
public enum HookDescendants {
    private static let pathCapacity = 64
    private static let statCapacity = 512
    private static let keptCapacity = 64
    private static let markCapacity = 96
    private static let environChunk = 4096
    private static let killedCapacity = 256

    nonisolated(unsafe) private static var procDirectory: OpaquePointer?
    nonisolated(unsafe) private static var pathBuffer = UnsafeMutablePointer<CChar>.allocate(capacity: pathCapacity)
    nonisolated(unsafe) private static var statBuffer = UnsafeMutablePointer<UInt8>.allocate(capacity: statCapacity)
    nonisolated(unsafe) private static var kept = UnsafeMutablePointer<pid_t>.allocate(capacity: keptCapacity)
    nonisolated(unsafe) private static var keptCount = 0
    nonisolated(unsafe) private static var spared: pid_t = 0
    nonisolated(unsafe) private static var currentMark = UnsafeMutablePointer<UInt8>.allocate(capacity: markCapacity)
    nonisolated(unsafe) private static var currentMarkLength = 0
    nonisolated(unsafe) private static var environBuffer = UnsafeMutablePointer<UInt8>.allocate(capacity: environChunk)
    nonisolated(unsafe) private static var killedPIDs = UnsafeMutablePointer<pid_t>.allocate(capacity: killedCapacity)
    nonisolated(unsafe) private static var killedCount = 0

    /// Before a hook starts: become a subreaper, note the children we already have and the
    /// run's mark (for the interrupt handler, which cannot allocate).
    static func begin(_ mark: HookRunMark) {
        ProcessHardening.adoptOrphans(true)
        let entry = mark.entry.prefix(markCapacity)
        for (index, byte) in entry.enumerated() { currentMark[index] = byte }
        currentMarkLength = entry.count
        if procDirectory == nil { procDirectory = opendir("/proc") }
        keptCount = 0
        spared = 0
        // No child at all (a command's one push): nothing to keep, and no walk of every
        // process's /proc/PID/stat (three syscalls each) before each hook.
        guard hasChildren() else { return }
        forEachProcess { pid, parent, _ in
            if parent == getpid() && keptCount < keptCapacity {
                kept[keptCount] = pid
                keptCount += 1
            }
        }
    }

    /// Whether this process has a child, running or a zombie: waitid answers ECHILD only when
    /// there is none, and WNOWAIT leaves a zombie's status for whoever waits for it.
    private static func hasChildren() -> Bool {
        var info = siginfo_t()
        return waitid(P_ALL, 0, &info, WEXITED | WNOHANG | WNOWAIT) == 0 || errno != ECHILD
    }

    /// After the hook was reaped: orphans that appear later go to init again.
    static func end() {
        ProcessHardening.adoptOrphans(false)
        spared = 0
    }

    /// The hook itself, which swift-subprocess reaps: killed like the rest, never reaped here.
    static func spare(_ hook: pid_t) { spared = hook }

    /// `killAll` for the run that began last (the interrupt handler's case). Async-signal-safe.
    @discardableResult
    public static func killAll(exceptHook: Bool = false, rounds: Int = 500) -> Int {
        killAll(exceptHook: exceptHook, rounds: rounds,
                mark: UnsafeBufferPointer(start: currentMark, count: currentMarkLength))
    }

    /// `killAll` for the processes of run `mark` (the timeout's case: runs may overlap).
    @discardableResult
    static func killAll(marked mark: HookRunMark, rounds: Int = 500) -> Int {
        mark.entry.withUnsafeBufferPointer { killAll(exceptHook: false, rounds: rounds, mark: $0) }
    }

    /// SIGKILLs every live descendant carrying `mark` (but the children kept at `begin`) until
    /// none is left, reaping those that are our own children. Bounded: at most `rounds` walks,
    /// 1 ms apart. With `exceptHook`, the hook process itself is left for the caller to kill
    /// last: while it lives, the push waits for it and cannot exit before the walk is done.
    private static func killAll(exceptHook: Bool, rounds: Int, mark: UnsafeBufferPointer<UInt8>) -> Int {
        guard procDirectory != nil, !mark.isEmpty else { return 0 }
        var killed = 0
        for _ in 0..<rounds {
            var alive = 0
            forEachProcess { pid, parent, zombie in
                guard isDescendant(pid), !(exceptHook && pid == spared) else { return }
                if !zombie {
                    guard carries(mark, pid) else { return }
                    alive += 1
                    if kill(pid, SIGKILL) == 0 { killed += 1; remember(pid) }
                }
                // Only what we killed is reaped: another zombie child of this process belongs
                // to whoever started it (a Process object waiting for its status).
                if zombie && parent == getpid() && pid != spared && wasKilled(pid) { _ = waitpid(pid, nil, WNOHANG) }
            }
            if alive == 0 { break }
            var pause = timespec(tv_sec: 0, tv_nsec: 1_000_000)
            nanosleep(&pause, nil)
        }
        return killed
    }

    /// Whether `pid`'s parent chain leads to credvault without passing a kept child.
    private static func isDescendant(_ pid: pid_t) -> Bool {
        let me = getpid()
        var current = pid
        for _ in 0..<256 {
            if current == me || current <= 1 { return current == me && pid != me }
            for index in 0..<keptCount where kept[index] == current { return false }
            guard let parent = readStat(current)?.parent else { return false }
            current = parent
        }
        return false
    }

    /// Notes a pid we killed, so that its zombie is ours to reap (a ring: the oldest go first).
    private static func remember(_ pid: pid_t) {
        killedPIDs[killedCount % killedCapacity] = pid
        killedCount += 1
    }

    private static func wasKilled(_ pid: pid_t) -> Bool {
        for index in 0..<min(killedCount, killedCapacity) where killedPIDs[index] == pid { return true }
        return false
    }

    /// Whether /proc/PID/environ holds the entry `mark` (whole, NUL-terminated), read in
    /// chunks into a buffer allocated in advance. An environment we may not read is not ours.
    private static func carries(_ mark: UnsafeBufferPointer<UInt8>, _ pid: pid_t) -> Bool {
        writePath(pid, file: "/environ")
        let fd = open(pathBuffer, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        // Bytes of `mark` matched so far in the current entry; -1 once the entry differs.
        var matched = 0
        while true {
            let count = read(fd, environBuffer, environChunk)
            guard count > 0 else { return matched == mark.count }
            for index in 0..<count {
                let byte = environBuffer[index]
                if byte == 0 {
                    if matched == mark.count { return true }
                    matched = 0
                } else if matched >= 0 {
                    matched = matched < mark.count && mark[matched] == byte ? matched + 1 : -1
                }
            }
        }
    }

    /// Calls `body(pid, parent, isZombie)` for each process in /proc.
    private static func forEachProcess(_ body: (pid_t, pid_t, Bool) -> Void) {
        guard let directory = procDirectory else { return }
        rewinddir(directory)
        while let entry = readdir(directory) {
            let pid = withUnsafePointer(to: &entry.pointee.d_name) { name in
                name.withMemoryRebound(to: CChar.self, capacity: 256) { parseNumber($0) }
            }
            guard pid > 0, let stat = readStat(pid) else { continue }
            body(pid, stat.parent, stat.zombie)
        }
    }

    /// The parent pid and state of `pid`, from /proc/PID/stat ("pid (comm) S ppid …").
    private static func readStat(_ pid: pid_t) -> (parent: pid_t, zombie: Bool)? {
        writePath(pid, file: "/stat")
        let fd = open(pathBuffer, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        let count = read(fd, statBuffer, statCapacity - 1)
        close(fd)
        guard count > 0 else { return nil }
        var lastParen = -1
        for index in 0..<count where statBuffer[index] == UInt8(ascii: ")") { lastParen = index }
        guard lastParen >= 0, lastParen + 4 < count else { return nil }
        let state = statBuffer[lastParen + 2]
        var parent: pid_t = 0
        var index = lastParen + 4
        while index < count, statBuffer[index] >= 0x30, statBuffer[index] <= 0x39 {
            parent = parent * 10 + pid_t(statBuffer[index] - 0x30)
            index += 1
        }
        return (parent, state == UInt8(ascii: "Z") || state == UInt8(ascii: "X"))
    }

    /// "/proc/PID" + `file` into `pathBuffer`, without allocating.
    private static func writePath(_ pid: pid_t, file suffix: StaticString) {
        let prefix: StaticString = "/proc/"
        var length = 0
        prefix.withUTF8Buffer { bytes in
            for byte in bytes { pathBuffer[length] = CChar(bitPattern: byte); length += 1 }
        }
        var divisor: pid_t = 1
        while divisor <= pid / 10 { divisor *= 10 }
        var rest = pid
        while divisor > 0 {
            pathBuffer[length] = CChar(0x30 + rest / divisor)
            length += 1
            rest %= divisor
            divisor /= 10
        }
        suffix.withUTF8Buffer { bytes in
            for byte in bytes { pathBuffer[length] = CChar(bitPattern: byte); length += 1 }
        }
        pathBuffer[length] = 0
    }

    /// A directory name that is all digits, as a pid; 0 otherwise.
    private static func parseNumber(_ name: UnsafePointer<CChar>) -> pid_t {
        var value: pid_t = 0
        var index = 0
        while name[index] != 0 {
            let digit = name[index] - 0x30
            guard digit >= 0, digit <= 9, index < 10 else { return 0 }
            value = value * 10 + pid_t(digit)
            index += 1
        }
        return value
    }
}

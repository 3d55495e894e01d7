import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// One fixture harness (Tests/Fixtures/*/…-harness.sh) running as a child of the test process,
/// alive exactly as long as its lifeline: the harness runs its servers until its standard
/// input closes. This object holds the write end of that pipe; `stop()` or deinit closes it,
/// and if the test process dies the kernel closes it, so no server outlives a test.
public final class HarnessProcess: @unchecked Sendable {
    // @unchecked: `process` and `lifeline` are only touched by `stop()`, which `lock` guards.
    private let process: Process
    private let lifeline: Pipe
    private let stragglers: @Sendable () -> [Int32]
    private let lock = NSLock()
    private var stopped = false

    /// Starts `/bin/bash script arguments…` with exactly `environment`, its output appended to
    /// `log` (or dropped). `stragglers` names what to SIGKILL (a negative pid is a process
    /// group) if the harness does not exit within 10 s of its lifeline closing.
    public init(
        script: String, arguments: [String], environment: [String: String], log: URL? = nil,
        stragglers: @escaping @Sendable () -> [Int32] = { [] }
    ) throws {
        self.stragglers = stragglers
        process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = [script] + arguments
        process.environment = environment
        lifeline = Pipe()
        // Only the harness may hold the lifeline: with close-on-exec no other child of the test
        // process (credvault, a hook, ssh) inherits the write end and keeps the servers alive
        // after the test process is gone. (The harness gets the read end as its stdin via
        // dup2, which clears the flag there.)
        for fd in [lifeline.fileHandleForWriting.fileDescriptor, lifeline.fileHandleForReading.fileDescriptor] {
            _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
        }
        process.standardInput = lifeline
        if let log {
            _ = FileManager.default.createFile(atPath: log.path, contents: nil)
            let output = try FileHandle(forWritingTo: log)
            process.standardOutput = output
            process.standardError = output
        } else {
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
        }
        try process.run()
    }

    deinit { stop() }

    public var isRunning: Bool { process.isRunning }

    /// `make(attempt)` for attempts 1, 2, 3 until one does not throw: a free port can be taken
    /// by someone else between the moment it was found and the server's bind.
    public static func firstStarting<Server>(_ make: (Int) throws -> Server) throws -> Server {
        var lastError: Error = TestFailure("no attempt made")
        for attempt in 1...3 {
            do { return try make(attempt) } catch { lastError = error }
        }
        throw lastError
    }

    /// Closes the lifeline (the harness then stops its servers) and waits for the harness to
    /// exit; past 10 s kills the harness and its stragglers.
    public func stop() {
        lock.lock()
        defer { lock.unlock() }
        guard !stopped else { return }
        stopped = true
        try? lifeline.fileHandleForWriting.close()
        if !eventually(deadline: 10, poll: 0.05, { !process.isRunning }) {
            kill(process.processIdentifier, SIGKILL)
            for pid in stragglers() { kill(pid, SIGKILL) }
            process.waitUntilExit()
        }
    }
}

import Foundation
import TestSupport

/// One fixture harness (Tests/Fixtures/*/…-harness.sh) running as a child of the test process,
/// alive exactly as long as its lifeline: the harness runs its servers until its standard
/// input closes. This object holds the write end of that pipe; `stop()` or deinit closes it,
/// and if the test process dies the kernel closes it, so no server outlives a test.
final class HarnessProcess {
    /// The harness's state folder (its first argument).
    let folder: URL
    private let process: Process
    private let lifeline: Pipe
    private var stopped = false

    /// Starts `/bin/bash script folder arguments…` with only PATH and LANG in its environment.
    init(script: String, folder: URL, arguments: [String]) throws {
        self.folder = folder
        process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = [script, folder.path] + arguments
        process.environment = ["PATH": Command.path, "LANG": "C.UTF-8"]
        lifeline = Pipe()
        // Only the harness may hold the lifeline: with close-on-exec no other child of the test
        // process (credvault, a hook, ssh) inherits the write end and keeps the servers alive
        // after the test process is gone. (The harness gets the read end as its stdin via
        // dup2, which clears the flag there.)
        for fd in [lifeline.fileHandleForWriting.fileDescriptor, lifeline.fileHandleForReading.fileDescriptor] {
            _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
        }
        process.standardInput = lifeline
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
    }

    deinit { stop() }

    /// `make(attempt)` for attempts 1, 2, 3 until one does not throw: a free port can be taken
    /// by someone else between the moment it was found and the server's bind.
    static func firstStarting<Server>(_ make: (Int) throws -> Server) throws -> Server {
        var lastError: Error = TestFailure("no attempt made")
        for attempt in 1...3 {
            do { return try make(attempt) } catch { lastError = error }
        }
        throw lastError
    }

    /// Returns once `ready` holds; throws (after stopping everything) when the harness exits
    /// first or `deadline` seconds pass, with the end of each of `logs` (files in `folder`).
    func waitUntilReady(deadline: Double, logs: [String], _ ready: () -> Bool) throws {
        let came = eventually(deadline: deadline, poll: 0.05) { !process.isRunning || ready() }
        guard came, process.isRunning else {
            let tails = logs.map { name in
                let text = (try? String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)) ?? ""
                return "\(name): \(text.suffix(1500))"
            }
            stop()
            throw TestFailure("\(folder.lastPathComponent) did not come up:\n\(tails.joined(separator: "\n"))")
        }
    }

    /// Closes the lifeline (the harness then SIGKILLs its servers) and waits for the harness
    /// to exit; past 10 s kills the harness and the process groups it recorded itself.
    func stop() {
        guard !stopped else { return }
        stopped = true
        try? lifeline.fileHandleForWriting.close()
        if !eventually(deadline: 10, poll: 0.05, { !process.isRunning }) {
            kill(process.processIdentifier, SIGKILL)
            let pids = (try? String(contentsOf: folder.appendingPathComponent("harness.pids"), encoding: .utf8)) ?? ""
            for pid in pids.split(separator: "\n").compactMap({ Int32($0) }) {
                kill(-pid, SIGKILL)
                kill(pid, SIGKILL)
            }
            process.waitUntilExit()
        }
    }
}

import Foundation
import TestSupport
#if canImport(Glibc)
import Glibc
#endif

/// A fixture harness script (Tests/Fixtures/*/…-harness.sh) running with a lifeline: the
/// script stops its server as soon as its standard input closes, and this object holds the
/// only write end of that pipe. `stop()` closes it; if the test process dies the kernel does,
/// so no server outlives the tests.
final class HarnessProcess: @unchecked Sendable {
    // @unchecked: `process` and `lifeline` are only touched by `stop()`, which `lock` guards.
    private let process: Process
    private let lifeline: Pipe
    private let childPIDFile: URL
    private let lock = NSLock()
    private var stopped = false

    init(script: String, arguments: [String], childPIDFile: URL, log: URL) throws {
        self.childPIDFile = childPIDFile
        process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = [script] + arguments
        process.environment = ["PATH": ProcessRunner.path, "LANG": "C.UTF-8", "HOME": NSTemporaryDirectory()]
        lifeline = Pipe()
        // Close-on-exec: no other child of the test process may inherit the lifeline and keep
        // the server alive (the harness gets the read end as its stdin via dup2).
        for fd in [lifeline.fileHandleForWriting.fileDescriptor, lifeline.fileHandleForReading.fileDescriptor] {
            _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
        }
        process.standardInput = lifeline
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        let output = try FileHandle(forWritingTo: log)
        process.standardOutput = output
        process.standardError = output
        try process.run()
    }

    var isRunning: Bool { process.isRunning }

    /// Closes the lifeline and waits for the harness to exit; kills it and its server if that
    /// takes more than 10 s.
    func stop() {
        lock.lock()
        defer { lock.unlock() }
        guard !stopped else { return }
        stopped = true
        try? lifeline.fileHandleForWriting.close()
        if !eventually(deadline: 10, { !process.isRunning }) {
            kill(process.processIdentifier, SIGKILL)
            if let text = try? String(contentsOf: childPIDFile, encoding: .utf8),
               let pid = Int32(text.trimmingCharacters(in: .whitespacesAndNewlines)) {
                kill(pid, SIGKILL)
            }
            process.waitUntilExit()
        }
    }

    deinit { stop() }
}

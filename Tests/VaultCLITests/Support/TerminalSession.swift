import Foundation
import TestSupport

/// Runs credvault on a pseudo-terminal (through util-linux `script`), for the no-echo prompts.
/// The test waits for each prompt with a deadline, then types its answer.
final class TerminalSession: @unchecked Sendable {
    private let process = Process()
    private let input = Pipe()
    private let output = Pipe()
    private let lock = NSLock()
    private let arrived = DispatchSemaphore(value: 0)
    private var buffer = Data()
    private var readerDone = false

    /// Everything the terminal showed so far.
    var transcript: String {
        lock.lock()
        defer { lock.unlock() }
        return String(decoding: buffer, as: UTF8.self)
    }

    /// Runs `credvault arguments…` on the terminal.
    convenience init(_ arguments: [String], environment: [String: String]) throws {
        let quoted = ([CLI.binary.path] + arguments).map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }
        try self.init(commandLine: quoted.joined(separator: " "), environment: environment)
    }

    /// Runs a shell command line on the terminal.
    init(commandLine: String, environment: [String: String]) throws {
        process.executableURL = URL(fileURLWithPath: "/usr/bin/script")
        process.arguments = ["-q", "-e", "-c", commandLine, "/dev/null"]
        var env = ["PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "TERM": "dumb",
                   "HOME": FileManager.default.temporaryDirectory.path]
        for (key, value) in environment { env[key] = value }
        process.environment = env
        process.standardInput = input
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let handle = output.fileHandleForReading
        Thread { [self] in
            while true {
                let chunk = handle.availableData
                lock.lock()
                if chunk.isEmpty { readerDone = true } else { buffer.append(chunk) }
                lock.unlock()
                arrived.signal()
                if chunk.isEmpty {
                    try? handle.close()  // Foundation keeps the Pipe alive; do not leak its fd
                    return
                }
            }
        }.start()
    }

    /// Waits until the terminal has shown `text` (counting from the start), or fails after `seconds`.
    func waitFor(_ text: String, occurrence: Int = 1, seconds: Double = 60) throws {
        let deadline = DispatchTime.now() + seconds
        while true {
            let shown = transcript
            if shown.components(separatedBy: text).count - 1 >= occurrence { return }
            lock.lock()
            let finished = readerDone
            lock.unlock()
            if finished { throw TestFailure("the session ended before showing \(text): \(shown)") }
            if arrived.wait(timeout: deadline) == .timedOut {
                throw TestFailure("timed out waiting for \(text): \(shown)")
            }
        }
    }

    /// Types a line.
    func type(_ line: String) throws {
        try typeRaw(line + "\n")
    }

    /// Types characters as they are (e.g. "\u{3}", Ctrl-C).
    func typeRaw(_ characters: String) throws {
        try input.fileHandleForWriting.write(contentsOf: Data(characters.utf8))
    }

    /// Waits for the command to exit and returns its status.
    func finish() -> Int32 {
        process.waitUntilExit()
        try? input.fileHandleForWriting.close()
        return process.terminationStatus
    }
}

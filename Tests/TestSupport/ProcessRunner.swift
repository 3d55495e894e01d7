import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Runs real child processes for the tests, the way a user or a timer does: no shell, only the
/// environment given, both pipes read concurrently, and a bounded wait.
public enum ProcessRunner {
    public static let path = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"

    /// A child that exits without reading its standard input makes our write fail with EPIPE;
    /// SIGPIPE's default action would kill the whole test process instead.
    private static let ignoreBrokenPipes: Void = { signal(SIGPIPE, SIG_IGN) }()

    /// Runs `executable arguments…` with `stdin` on standard input and only PATH, LANG, HOME and
    /// `environment` in its environment. A child still running after `timeout` seconds is
    /// killed (SIGKILL) and the call throws.
    @discardableResult
    public static func run(
        _ executable: String,
        _ arguments: [String],
        stdin: Data? = nil,
        environment: [String: String] = [:],
        currentDirectory: URL? = nil,
        timeout: Double = 120
    ) throws -> ProcessResult {
        _ = ignoreBrokenPipes
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        var env = ["PATH": path, "LANG": "C.UTF-8", "HOME": FileManager.default.temporaryDirectory.path]
        for (key, value) in environment { env[key] = value }
        process.environment = env
        if let currentDirectory { process.currentDirectoryURL = currentDirectory }
        let input = Pipe()
        let output = Pipe()
        let error = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = error
        // corelibs Foundation keeps every launched Process (and so its Pipes) alive through a
        // run-loop source nobody runs here; without these closes each run leaks two pipe fds.
        // Past ~1,300 open fds, Process.run itself crashes reading /proc/self/fd.
        defer {
            try? output.fileHandleForReading.close()
            try? error.fileHandleForReading.close()
        }
        let exited = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in exited.signal() }
        try process.run()
        nonisolated(unsafe) var outData = Data()
        nonisolated(unsafe) var errData = Data()
        let readers = DispatchGroup()
        readers.enter()
        DispatchQueue.global().async {
            outData = output.fileHandleForReading.readDataToEndOfFile()
            readers.leave()
        }
        readers.enter()
        DispatchQueue.global().async {
            errData = error.fileHandleForReading.readDataToEndOfFile()
            readers.leave()
        }
        if let stdin { try? input.fileHandleForWriting.write(contentsOf: stdin) }
        try? input.fileHandleForWriting.close()
        let commandLine = ([executable] + arguments).joined(separator: " ")
        if exited.wait(timeout: .now() + timeout) == .timedOut {
            kill(process.processIdentifier, SIGKILL)
            _ = exited.wait(timeout: .now() + 10)
            throw TestFailure("\(commandLine) did not finish within \(Int(timeout)) s")
        }
        // A descendant that kept our pipes open (a daemon that did not detach) would make this
        // wait forever: fail the test instead.
        if readers.wait(timeout: .now() + 10) == .timedOut {
            throw TestFailure("\(commandLine) exited but a child it left behind still holds its output open")
        }
        return ProcessResult(
            status: process.terminationStatus,
            stdout: String(decoding: outData, as: UTF8.self),
            stderr: String(decoding: errData, as: UTF8.self))
    }

    /// True once `pid` is gone (or a zombie nobody has reaped yet: it runs no more code).
    public static func isGone(_ pid: pid_t) -> Bool {
        if kill(pid, 0) != 0 && errno == ESRCH { return true }
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = stat.lastIndex(of: ")") else { return true }
        let state = stat[stat.index(close, offsetBy: 2)...].first
        return state == "Z" || state == "X"
    }
}

/// The built `credvault` executable: CREDVAULT_BIN when set, else the one `swift build` put
/// next to the test bundle.
public let credvaultBinary: URL = {
    if let path = ProcessInfo.processInfo.environment["CREDVAULT_BIN"] { return URL(fileURLWithPath: path) }
    var folder = Bundle.main.bundleURL
    for _ in 0..<4 {
        let candidate = folder.appendingPathComponent("credvault")
        if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        folder.deleteLastPathComponent()
    }
    return URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("credvault")
}()

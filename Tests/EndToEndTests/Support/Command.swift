import Foundation
import Testing
import TestSupport

/// Runs child processes for the end-to-end tests: real processes, no shell, a bounded wait.
enum Command {
    static let path = ProcessRunner.path

    /// See `ProcessRunner.run`.
    @discardableResult
    static func run(
        _ executable: String,
        _ arguments: [String],
        stdin: Data? = nil,
        environment: [String: String] = [:],
        timeout: Double = 60
    ) throws -> ProcessResult {
        try ProcessRunner.run(executable, arguments, stdin: stdin, environment: environment, timeout: timeout)
    }

    /// Live (non-zombie) processes whose command line contains `fragment`.
    static func processes(matching fragment: String) -> [String] {
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: "/proc") else { return [] }
        let me = getpid()
        var found: [String] = []
        for entry in entries {
            guard let pid = Int32(entry), pid != me else { continue }
            guard let raw = FileManager.default.contents(atPath: "/proc/\(entry)/cmdline"), !raw.isEmpty else { continue }
            let commandLine = String(decoding: raw.map { $0 == 0 ? 0x20 : $0 }, as: UTF8.self)
            if commandLine.contains(fragment) { found.append("\(pid): \(commandLine)") }
        }
        return found
    }
}

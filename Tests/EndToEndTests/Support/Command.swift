import Foundation
import Testing
import TestSupport

/// What a child process did (shared with the CLI tests).
typealias CommandResult = ProcessResult

struct HarnessError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

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
    ) throws -> CommandResult {
        try ProcessRunner.run(executable, arguments, stdin: stdin, environment: environment, timeout: timeout)
    }

    /// Polls `condition` until it holds or `seconds` pass; no fixed sleeps in the tests.
    static func waitUntil(_ seconds: Double, interval: Double = 0.05, _ condition: () throws -> Bool) rethrows -> Bool {
        try ProcessRunner.waitUntil(seconds, interval: interval, condition)
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

/// Where the fixtures live: Tests/Fixtures in the source tree this file was built from.
enum Fixtures {
    static let root: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // Support
        .deletingLastPathComponent()  // EndToEndTests
        .deletingLastPathComponent()  // Tests
        .appendingPathComponent("Fixtures")
    static var slapdHarness: String { root.appendingPathComponent("ldap/slapd-harness.sh").path }
    static var syncsim: String { root.appendingPathComponent("syncsim/syncsim").path }
}

/// A temporary folder whose name is unique to one test; every process a test starts carries
/// this path in its command line, which is how `assertNothingLeftRunning` finds leftovers.
final class ScratchFolder {
    let url: URL
    var path: String { url.path }

    init(_ label: String) throws {
        url = FileManager.default.temporaryDirectory
            .appendingPathComponent("credvault-e2e-\(label)-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o700])
    }

    func file(_ name: String) -> URL { url.appendingPathComponent(name) }

    /// Writes `text` to a new 0600 file.
    @discardableResult
    func write(_ name: String, _ text: String) throws -> URL {
        let target = file(name)
        try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
        FileManager.default.createFile(atPath: target.path, contents: Data(text.utf8), attributes: [.posixPermissions: 0o600])
        return target
    }

    func read(_ name: String) throws -> String {
        try String(contentsOf: file(name), encoding: .utf8)
    }

    /// Fails the test when any process started from this folder is still alive a few seconds
    /// after everything was told to stop.
    func assertNothingLeftRunning(sourceLocation: SourceLocation = #_sourceLocation) {
        let gone = Command.waitUntil(10) { Command.processes(matching: path).isEmpty }
        #expect(gone, "processes left behind: \(Command.processes(matching: path))", sourceLocation: sourceLocation)
    }

    deinit {
        try? FileManager.default.removeItem(at: url)
    }
}

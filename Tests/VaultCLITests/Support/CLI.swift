import Foundation
import TestSupport

/// `credvault` (or sqlite3) run without a vault sandbox: help, version, a vault given by path.
enum CLI {
    /// The built `credvault` executable (see TestSupport).
    static let binary: URL = credvaultBinary

    /// Runs `credvault args…` with `stdin` as standard input and only `environment` (plus PATH,
    /// LANG and HOME) in its environment, so nothing from the developer's shell leaks into a test.
    @discardableResult
    static func run(
        _ arguments: [String],
        stdin: String? = nil,
        stdinData: Data? = nil,
        environment: [String: String] = [:],
        currentDirectory: URL? = nil
    ) throws -> ProcessResult {
        try ProcessRunner.run(
            binary.path, arguments, stdin: stdinData ?? stdin.map { Data($0.utf8) },
            environment: environment, currentDirectory: currentDirectory)
    }

    /// Runs the sqlite3 shell on any database file.
    @discardableResult
    static func runSQLite(_ databasePath: String, _ sql: String) throws -> ProcessResult {
        try ProcessRunner.run("/usr/bin/sqlite3", [databasePath, sql])
    }
}

import Foundation
import Testing
import TestSupport

/// What a run of `credvault` (or sqlite3) did: exit status and both outputs.
typealias CLIResult = ProcessResult

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
    ) throws -> CLIResult {
        try ProcessRunner.run(
            binary.path, arguments, stdin: stdinData ?? stdin.map { Data($0.utf8) },
            environment: environment, currentDirectory: currentDirectory)
    }
}

/// A fresh vault in its own temporary folder, unlocked by a keyfile. Removed on deinit.
final class TempVault {
    let folder: URL
    var vaultPath: String { folder.appendingPathComponent("vault.db").path }
    var keyfilePath: String { folder.appendingPathComponent("vault.key").path }

    /// The environment that points `credvault` at this vault.
    var environment: [String: String] {
        ["CREDVAULT_VAULT": vaultPath, "CREDVAULT_KEYFILE": keyfilePath]
    }

    init(initialize: Bool = true) throws {
        folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("credvault-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        if initialize {
            let result = try CLI.run(["init", "--keyfile-out", keyfilePath], environment: ["CREDVAULT_VAULT": vaultPath])
            guard result.status == 0 else {
                throw TestSetupError("credvault init failed (\(result.status)): \(result.stderr)")
            }
        }
    }

    deinit {
        try? FileManager.default.removeItem(at: folder)
    }

    /// Runs credvault against this vault.
    @discardableResult
    func run(_ arguments: [String], stdin: String? = nil, environment extra: [String: String] = [:]) throws -> CLIResult {
        try CLI.run(arguments, stdin: stdin, environment: environment.merging(extra) { $1 })
    }

    /// `set FOREST --account ACCOUNT --stdin` with `password`, expecting success.
    @discardableResult
    func set(
        _ forest: String, account: String = "svc-sync", password: String, extra: [String] = [],
        environment extraEnvironment: [String: String] = [:]
    ) throws -> CLIResult {
        let result = try run(["set", forest, "--account", account, "--stdin"] + extra, stdin: password + "\n",
                             environment: extraEnvironment)
        guard result.status == 0 else { throw TestSetupError("set failed (\(result.status)): \(result.stderr)") }
        return result
    }

    /// Every byte of the vault's files (.db, -wal, -shm), for plaintext searches.
    func allVaultBytes() throws -> Data {
        var data = Data()
        for suffix in ["", "-wal", "-shm"] {
            if let bytes = FileManager.default.contents(atPath: vaultPath + suffix) { data.append(bytes) }
        }
        return data
    }

    /// Runs the sqlite3 shell on the vault (for tamper tests).
    @discardableResult
    func sqlite(_ sql: String) throws -> CLIResult {
        try CLI.runSQLite(vaultPath, sql)
    }
}

extension CLI {
    /// Runs the sqlite3 shell on any database file.
    @discardableResult
    static func runSQLite(_ databasePath: String, _ sql: String) throws -> CLIResult {
        try ProcessRunner.run("/usr/bin/sqlite3", [databasePath, sql])
    }
}

struct TestSetupError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

// MARK: Helpers for the acceptance tests

extension TempVault {
    /// A path inside this vault's temporary folder.
    func path(_ name: String) -> String {
        folder.appendingPathComponent(name).path
    }

    /// Runs credvault against this vault with raw bytes on standard input.
    @discardableResult
    func run(_ arguments: [String], stdinData: Data, environment extra: [String: String] = [:]) throws -> CLIResult {
        try CLI.run(arguments, stdinData: stdinData, environment: environment.merging(extra) { $1 })
    }

    /// The vault's whole logical content (sqlite3 `.dump`): equal dumps mean an unchanged vault,
    /// audit trail included.
    func dump() throws -> String {
        let result = try sqlite(".dump")
        guard result.status == 0 else { throw TestSetupError("sqlite3 .dump failed: \(result.stderr)") }
        return result.stdout
    }

    /// How many audit events the vault holds.
    func auditEventCount() throws -> Int {
        let result = try sqlite("SELECT count(*) FROM audit_events")
        guard result.status == 0, let count = Int(result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)) else {
            throw TestSetupError("cannot count audit events: \(result.stderr)")
        }
        return count
    }

    /// Writes `contents` to `name` in the folder with `mode`, returning its path.
    @discardableResult
    func writeFile(_ name: String, _ contents: Data, mode: Int) throws -> String {
        let path = self.path(name)
        guard FileManager.default.createFile(atPath: path, contents: contents) else {
            throw TestSetupError("cannot write \(path)")
        }
        try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: path)
        return path
    }

    @discardableResult
    func writeFile(_ name: String, _ text: String, mode: Int) throws -> String {
        try writeFile(name, Data(text.utf8), mode: mode)
    }
}

enum FileMode {
    /// The permission bits of `path`, or nil when it does not exist.
    static func of(_ path: String) -> Int? {
        (try? FileManager.default.attributesOfItem(atPath: path))?[.posixPermissions] as? Int
    }

    static func set(_ path: String, _ mode: Int) throws {
        try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: path)
    }
}

/// A sqlite3 shell that stays connected to a vault until `close()`. While another connection
/// is open, SQLite keeps the -wal and -shm files after each credvault process exits, so a test
/// can look inside them.
final class OpenConnection {
    private let process = Process()
    private let input = Pipe()
    private let output = Pipe()
    private var closed = false

    init(databasePath: String) throws {
        process.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        process.arguments = [databasePath]
        process.standardInput = input
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        // One read of the database makes the connection real (WAL index mapped); wait for its answer.
        try input.fileHandleForWriting.write(contentsOf: Data("SELECT count(*) || ' connected' FROM sqlite_master;\n".utf8))
        var seen = Data()
        while !(String(decoding: seen, as: UTF8.self).contains("connected")) {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { throw TestSetupError("sqlite3 exited before connecting to \(databasePath)") }
            seen.append(chunk)
        }
    }

    func close() {
        guard !closed else { return }
        closed = true
        try? input.fileHandleForWriting.close()
        process.waitUntilExit()
        try? output.fileHandleForReading.close()
    }

    deinit { close() }
}

/// Plain JSON access for checking the CLI's JSON output shape.
enum JSON {
    static func object(_ text: String) throws -> [String: Any] {
        guard let value = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] else {
            throw TestSetupError("not a JSON object: \(text.prefix(200))")
        }
        return value
    }

    static func array(_ text: String) throws -> [[String: Any]] {
        guard let value = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: Any]] else {
            throw TestSetupError("not a JSON array of objects: \(text.prefix(200))")
        }
        return value
    }
}

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
            if finished { throw TestSetupError("the session ended before showing \(text): \(shown)") }
            if arrived.wait(timeout: deadline) == .timedOut {
                throw TestSetupError("timed out waiting for \(text): \(shown)")
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

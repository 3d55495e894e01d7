import Foundation
import Testing

/// Runs the built `credvault` binary as a child process, the way a user or a timer does.
struct CLIResult {
    let status: Int32
    let stdout: String
    let stderr: String

    /// stderr's lines, for "one clear line" checks.
    var stderrLines: [Substring] { stderr.split(separator: "\n") }
}

enum CLI {
    /// The `credvault` executable next to the test bundle (swift build puts both in one folder),
    /// or CREDVAULT_BIN when set.
    static let binary: URL = {
        if let path = ProcessInfo.processInfo.environment["CREDVAULT_BIN"] { return URL(fileURLWithPath: path) }
        var folder = Bundle.main.bundleURL
        for _ in 0..<4 {
            let candidate = folder.appendingPathComponent("credvault")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            folder.deleteLastPathComponent()
        }
        let arg0 = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        return arg0.appendingPathComponent("credvault")
    }()

    /// Runs `credvault args…` with `stdin` as standard input and only `environment` (plus PATH)
    /// in its environment, so nothing from the developer's shell leaks into a test.
    @discardableResult
    static func run(
        _ arguments: [String],
        stdin: String? = nil,
        stdinData: Data? = nil,
        environment: [String: String] = [:],
        currentDirectory: URL? = nil
    ) throws -> CLIResult {
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        var env = ["PATH": "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "LANG": "C.UTF-8"]
        env["HOME"] = FileManager.default.temporaryDirectory.path
        for (key, value) in environment { env[key] = value }
        process.environment = env
        if let currentDirectory { process.currentDirectoryURL = currentDirectory }
        let input = Pipe()
        let output = Pipe()
        let error = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = error
        try process.run()
        // Read both pipes concurrently so neither can fill up and stall the child.
        nonisolated(unsafe) var outData = Data()
        nonisolated(unsafe) var errData = Data()
        let group = DispatchGroup()
        group.enter()
        DispatchQueue.global().async {
            outData = output.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }
        group.enter()
        DispatchQueue.global().async {
            errData = error.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }
        if let data = stdinData ?? stdin?.data(using: .utf8) {
            try? input.fileHandleForWriting.write(contentsOf: data)
        }
        try? input.fileHandleForWriting.close()
        process.waitUntilExit()
        group.wait()
        return CLIResult(
            status: process.terminationStatus,
            stdout: String(decoding: outData, as: UTF8.self),
            stderr: String(decoding: errData, as: UTF8.self))
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
    func set(_ forest: String, account: String = "svc-sync", password: String, extra: [String] = []) throws -> CLIResult {
        let result = try run(["set", forest, "--account", account, "--stdin"] + extra, stdin: password + "\n")
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
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        process.arguments = [vaultPath, sql]
        let output = Pipe()
        let error = Pipe()
        process.standardOutput = output
        process.standardError = error
        try process.run()
        let out = output.fileHandleForReading.readDataToEndOfFile()
        let err = error.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return CLIResult(status: process.terminationStatus,
                         stdout: String(decoding: out, as: UTF8.self), stderr: String(decoding: err, as: UTF8.self))
    }
}

struct TestSetupError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

import Foundation

/// A temporary folder (0700, unique to one test, removed on deinit) holding one vault: the
/// vault file, its keyfile and the environment that points the `credvault` binary at them.
/// Library, CLI and end-to-end tests all start here; the folder's path is in every command
/// line a test starts from it, which is how leftover processes are found.
public final class VaultSandbox {
    public let folder: URL
    public var vaultPath: String { path("vault.db") }
    public var keyfilePath: String { path("vault.key") }

    /// The environment that points `credvault` at this vault.
    public var environment: [String: String] {
        ["CREDVAULT_VAULT": vaultPath, "CREDVAULT_KEYFILE": keyfilePath]
    }

    /// Makes the folder; with `initialize`, also runs `credvault init --keyfile-out`.
    public init(_ label: String = "test", initialize: Bool = true) throws {
        folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("credvault-\(label)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o700])
        if initialize { try initializeVault() }
    }

    deinit {
        try? FileManager.default.removeItem(at: folder)
    }

    /// `credvault init --keyfile-out` for this sandbox's vault and keyfile.
    public func initializeVault() throws {
        let result = try ProcessRunner.run(credvaultBinary.path, ["init", "--keyfile-out", keyfilePath],
                                           environment: ["CREDVAULT_VAULT": vaultPath])
        guard result.status == 0 else { throw TestFailure("credvault init failed: \(result)") }
    }

    /// Runs `credvault arguments…` against this vault (`extra` added to its environment).
    @discardableResult
    public func run(
        _ arguments: [String], stdin: String? = nil, environment extra: [String: String] = [:], timeout: Double = 120
    ) throws -> ProcessResult {
        try run(arguments, stdinData: stdin.map { Data($0.utf8) }, environment: extra, timeout: timeout)
    }

    /// Runs `credvault arguments…` against this vault with raw bytes on standard input.
    @discardableResult
    public func run(
        _ arguments: [String], stdinData: Data?, environment extra: [String: String] = [:], timeout: Double = 120
    ) throws -> ProcessResult {
        try ProcessRunner.run(credvaultBinary.path, arguments, stdin: stdinData,
                              environment: environment.merging(extra) { $1 }, timeout: timeout)
    }

    /// Starts `credvault arguments…` against this vault and returns at once (outputs discarded,
    /// PATH the only other variable), for tests that race or signal a running command.
    public func start(_ arguments: [String], environment extra: [String: String] = [:]) throws -> Process {
        let process = Process()
        process.executableURL = credvaultBinary
        process.arguments = arguments
        process.environment = environment.merging(["PATH": "/usr/bin:/bin"]) { $1 }.merging(extra) { $1 }
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }

    // MARK: - Files in the folder

    public func file(_ name: String) -> URL { folder.appendingPathComponent(name) }
    public func path(_ name: String) -> String { file(name).path }

    /// Writes `contents` to `name` and sets its mode; returns its path. Parent folders are
    /// made; a new file is created with `mode` (a password never sits in a wider file), an
    /// existing one is rewritten in place (same inode).
    @discardableResult
    public func write(_ name: String, _ contents: Data, mode: Int = 0o600) throws -> String {
        let target = file(name)
        try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
        if FileManager.default.fileExists(atPath: target.path) {
            try contents.write(to: target)
        } else if !FileManager.default.createFile(atPath: target.path, contents: contents,
                                                  attributes: [.posixPermissions: mode]) {
            throw TestFailure("cannot write \(target.path)")
        }
        try FileMode.set(target.path, mode)
        return target.path
    }

    @discardableResult
    public func write(_ name: String, _ text: String, mode: Int = 0o600) throws -> String {
        try write(name, Data(text.utf8), mode: mode)
    }

    /// The text of `name`, "" when it is missing or not UTF-8.
    public func read(_ name: String) -> String {
        (try? String(contentsOfFile: path(name), encoding: .utf8)) ?? ""
    }

    /// The bytes of `name`, empty when it is missing.
    public func bytes(_ name: String) -> Data {
        FileManager.default.contents(atPath: path(name)) ?? Data()
    }
}

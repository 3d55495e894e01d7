import CredVault
import Foundation
import TestSupport
#if canImport(Glibc)
import Glibc
#endif

/// A vault set up for `credvault rotate` against one directory: the forest with the
/// account's current password, its directory settings and a file connector, run through the
/// real binary. The test reads what the vault holds with `get`, never from its own copy.
final class RotationBench {
    let sandbox: VaultSandbox
    let forest: String
    let account: String
    let kind: DirectoryKind
    let caFile: String

    /// Stores `password` for `account` and points the forest at `urls`.
    init(forest: String = "contoso.com", account: String, password: String, urls: [String], caFile: String,
         kind: DirectoryKind, extra: [String] = []) throws {
        sandbox = try VaultSandbox("rotate")
        self.forest = forest
        self.account = account
        self.kind = kind
        self.caFile = caFile
        try expectOK(sandbox.run(["set", forest, "--account", account, "--stdin"], stdin: password + "\n"))
        try expectOK(sandbox.run(["directory", "set", forest, "--ca-file", caFile, "--kind", kind.rawValue]
                                 + urls.flatMap { ["--url", $0] } + extra))
        let target = try sandbox.write("connector.json", "{\"password\": \"\", \"user\": \"\(account)\"}\n")
        try expectOK(sandbox.run(["connector", "add", "app", "--forest", forest, "--file", target, "--format", "json",
                                  "--password-key", "password", "--account-key", "user"]))
        try expectOK(sandbox.run(["push", forest]))
    }

    @discardableResult
    func expectOK(_ result: ProcessResult) throws -> ProcessResult {
        guard result.status == 0 else { throw TestFailure("credvault failed: \(result)") }
        return result
    }

    /// The forest's committed password, as `get` returns it.
    func current() throws -> String {
        try expectOK(sandbox.run(["get", forest, "--no-newline"])).stdout
    }

    /// The password the file connector's target holds.
    func connectorPassword() throws -> String? {
        let data = sandbox.bytes("connector.json")
        return (try JSONSerialization.jsonObject(with: data) as? [String: Any])?["password"] as? String
    }

    /// The audit actions after `seq`, in order.
    func auditActions(after seq: Int = 0) throws -> [String] {
        let result = try ProcessRunner.run(
            "/usr/bin/sqlite3", [sandbox.vaultPath, "SELECT action FROM audit_events WHERE seq > \(seq) ORDER BY seq"])
        return result.stdout.split(separator: "\n").map(String.init)
    }

    func lastSeq() throws -> Int {
        let result = try ProcessRunner.run("/usr/bin/sqlite3", [sandbox.vaultPath, "SELECT max(seq) FROM audit_events"])
        return Int(result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0
    }

    /// Every row of the vault but the audit trail (sqlite3 .dump, audit_events and the
    /// audit_head anchor that follows them left out): equal before and after means a refusal
    /// changed nothing but its audit events.
    func state() throws -> String {
        let result = try ProcessRunner.run("/usr/bin/sqlite3", [sandbox.vaultPath, ".dump"])
        return result.stdout.split(separator: "\n")
            .filter { !$0.contains("INSERT INTO audit_events") && !$0.contains("INSERT INTO audit_head") }
            .joined(separator: "\n")
    }

    /// Whether `password` binds as the account on `url` (one bind through the library client).
    func binds(_ password: String, url: String) throws -> BindOutcome {
        let client = DirectoryClient(endpoint: try DirectoryEndpoint(url: url, caFile: caFile), kind: kind,
                                     timeouts: DirectoryTimeouts(connect: 5, operation: 20))
        let secret = try TestPasswords.text(password)
        do {
            _ = try client.bind(as: DirectoryAccountName(account, kind: kind), password: secret)
            return .accepted
        } catch {
            return BindOutcome(bindError: error)
        }
    }

    /// Starts `rotate` paused after `step` (the documented FIFO knob) and returns once it
    /// waits there, with the FIFO's writer held open: the process stays at that step until
    /// `Paused.release()` or a kill.
    func startPaused(after step: String, arguments: [String] = []) throws -> Paused {
        let fifo = sandbox.path("pause-\(step).fifo")
        guard mkfifo(fifo, 0o600) == 0 else { throw TestFailure("mkfifo failed") }
        let process = try sandbox.start(["rotate", forest] + arguments, environment: [
            "CREDVAULT_ROTATE_PAUSE_AFTER": step, "CREDVAULT_ROTATE_PAUSE_FIFO": fifo])
        var writer: Int32 = -1
        let reached = eventually(deadline: 90, poll: 0.05) {
            writer = open(fifo, O_WRONLY | O_NONBLOCK)
            return writer >= 0 || !process.isRunning
        }
        guard reached, writer >= 0 else {
            process.waitUntilExit()
            throw TestFailure("rotate did not reach \(step) (exit \(process.terminationStatus))")
        }
        return Paused(process: process, writer: writer)
    }

    /// A `rotate` process waiting at its pause point.
    struct Paused {
        let process: Process
        let writer: Int32

        func kill() {
            Glibc.kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            close(writer)
        }

        /// Lets it run on; returns its exit status.
        func release() -> Int32 {
            close(writer)
            process.waitUntilExit()
            return process.terminationStatus
        }
    }
}

extension VaultSandbox {
    /// Every byte of every file in the sandbox folder but `except` (the vault with its WAL,
    /// any temp file a command left): where a plaintext password must never be.
    func allFileBytes(except: [String]) throws -> Data {
        var data = Data()
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) where !except.contains(name) {
            if let bytes = FileManager.default.contents(atPath: path(name)) { data.append(bytes) }
        }
        return data
    }
}

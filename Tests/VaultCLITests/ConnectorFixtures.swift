import Foundation
import Testing
import TestSupport
#if canImport(Glibc)
import Glibc
#endif

/// A vault with one forest and a folder of target files and hook scripts, for connector tests.
final class ConnectorBench {
    let vault: TempVault
    var folder: URL { vault.folder }

    init() throws {
        vault = try TempVault()
    }

    func path(_ name: String) -> String { folder.appendingPathComponent(name).path }

    /// Writes `text` to `name` in the bench folder and returns its path.
    @discardableResult
    func file(_ name: String, _ text: String, mode: Int = 0o640) throws -> String {
        let target = path(name)
        try Data(text.utf8).write(to: URL(fileURLWithPath: target))
        chmod(target, mode_t(mode))
        return target
    }

    /// A bash script (mode 0755) with `body` after the shebang; returns its path.
    @discardableResult
    func script(_ name: String, _ body: String) throws -> String {
        let target = path(name)
        try Data(("#!/bin/bash\n" + body + "\n").utf8).write(to: URL(fileURLWithPath: target))
        chmod(target, 0o755)
        return target
    }

    func read(_ name: String) -> String {
        (try? String(contentsOfFile: path(name), encoding: .utf8)) ?? ""
    }

    func bytes(_ name: String) -> Data {
        FileManager.default.contents(atPath: path(name)) ?? Data()
    }

    @discardableResult
    func run(_ arguments: [String], stdin: String? = nil) throws -> CLIResult {
        try vault.run(arguments, stdin: stdin)
    }

    /// `connector add` expecting success.
    func addConnector(_ arguments: [String]) throws {
        let result = try run(["connector", "add"] + arguments)
        guard result.status == 0 else { throw TestSetupError("connector add failed (\(result.status)): \(result.stderr)") }
    }

    /// `status --json`, parsed; the connector named `name`.
    func status(_ name: String) throws -> [String: Any] {
        let result = try run(["status", "--json"])
        let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        let connectors = object?["connectors"] as? [[String: Any]] ?? []
        guard let found = connectors.first(where: { $0["name"] as? String == name }) else {
            throw TestSetupError("status has no connector \(name): \(result.stdout) \(result.stderr)")
        }
        return found
    }

    /// Audit actions (in order) for the connector, read straight from the vault.
    func auditActions(connector: String) throws -> [String] {
        let result = try vault.sqlite("SELECT action || ':' || IFNULL(version, '') FROM audit_events WHERE connector = '\(connector)' ORDER BY seq")
        return result.stdout.split(separator: "\n").map(String.init)
    }

    func auditCount() throws -> Int {
        Int(try vault.sqlite("SELECT COUNT(*) FROM audit_events").stdout.trimmingCharacters(in: .whitespacesAndNewlines)) ?? -1
    }

    /// The value of `key` in a keyvalue file.
    func keyValue(_ name: String, _ key: String) -> String? {
        for line in read(name).split(separator: "\n", omittingEmptySubsequences: false) {
            let trimmed = line.hasSuffix("\r") ? line.dropLast() : line[...]
            guard let equals = trimmed.firstIndex(of: "="), trimmed[..<equals].trimmingCharacters(in: .whitespaces) == key else { continue }
            return String(trimmed[trimmed.index(after: equals)...])
        }
        return nil
    }

    /// Mode bits and owner of a file.
    func statInfo(_ name: String) -> (mode: mode_t, uid: uid_t, gid: gid_t, inode: UInt) {
        var info = stat()
        stat(path(name), &info)
        return (info.st_mode & 0o7777, info.st_uid, info.st_gid, UInt(info.st_ino))
    }

    /// Leftover push temp files in the bench folder.
    func tempFiles() -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter { $0.contains(".credvault-") }
    }
}

/// Polls `condition` until it holds or `seconds` pass.
func eventually(within seconds: Double = 10, _ condition: () -> Bool) -> Bool {
    ProcessRunner.waitUntil(seconds, condition)
}

/// True once `pid` is gone (or a zombie nobody has reaped yet: it runs no more code).
func processIsGone(_ pid: pid_t) -> Bool {
    if kill(pid, 0) != 0 && errno == ESRCH { return true }
    guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
          let close = stat.lastIndex(of: ")") else { return true }
    let state = stat[stat.index(close, offsetBy: 2)...].first
    return state == "Z" || state == "X"
}

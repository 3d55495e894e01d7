import Foundation
import Testing
import TestSupport

/// A vault with one forest and a folder of target files and hook scripts, for connector tests.
final class ConnectorBench {
    let vault: VaultSandbox
    var folder: URL { vault.folder }

    init() throws {
        vault = try VaultSandbox()
    }

    func path(_ name: String) -> String { vault.path(name) }

    /// Writes `text` to `name` in the bench folder and returns its path.
    @discardableResult
    func file(_ name: String, _ text: String, mode: Int = 0o640) throws -> String {
        try vault.write(name, text, mode: mode)
    }

    /// A bash script (mode 0755) with `body` after the shebang; returns its path.
    @discardableResult
    func script(_ name: String, _ body: String) throws -> String {
        try vault.write(name, "#!/bin/bash\n" + body + "\n", mode: 0o755)
    }

    func read(_ name: String) -> String { vault.read(name) }

    func bytes(_ name: String) -> Data { vault.bytes(name) }

    @discardableResult
    func run(_ arguments: [String], stdin: String? = nil) throws -> ProcessResult {
        try vault.run(arguments, stdin: stdin)
    }

    /// `connector add` expecting success.
    func addConnector(_ arguments: [String]) throws {
        let result = try run(["connector", "add"] + arguments)
        guard result.status == 0 else { throw TestFailure("connector add failed (\(result.status)): \(result.stderr)") }
    }

    /// `status --json`, parsed; the connector named `name`.
    func status(_ name: String) throws -> [String: Any] {
        let result = try run(["status", "--json"])
        let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        let connectors = object?["connectors"] as? [[String: Any]] ?? []
        guard let found = connectors.first(where: { $0["name"] as? String == name }) else {
            throw TestFailure("status has no connector \(name): \(result.stdout) \(result.stderr)")
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

    /// Mode bits, owner and inode of a file.
    func statInfo(_ name: String) throws -> FileMode.Status {
        guard let status = FileMode.status(path(name)) else { throw TestFailure("cannot stat \(name)") }
        return status
    }

    /// Leftover push temp files in the bench folder.
    func tempFiles() -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter { $0.contains(".credvault-") }
    }
}

import Foundation
import TestSupport

/// The built `credvault` binary, run as a child process against one vault.
struct CredVaultCLI {
    static let binary: String = credvaultBinary.path

    let vaultPath: String
    let keyfilePath: String
    /// Every output of every command, to check at the end that no password was ever shown.
    private(set) var transcript: [CommandResult] = []

    var environment: [String: String] { ["CREDVAULT_VAULT": vaultPath, "CREDVAULT_KEYFILE": keyfilePath] }

    /// `credvault init --keyfile-out` in `folder`, which is created if needed.
    init(folder: URL) throws {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        vaultPath = folder.appendingPathComponent("vault.db").path
        keyfilePath = folder.appendingPathComponent("vault.key").path
        let result = try Command.run(CredVaultCLI.binary, ["init", "--keyfile-out", keyfilePath],
                                     environment: ["CREDVAULT_VAULT": vaultPath])
        guard result.status == 0 else { throw HarnessError("credvault init failed: \(result)") }
    }

    @discardableResult
    mutating func run(_ arguments: [String], stdin: String? = nil) throws -> CommandResult {
        let result = try Command.run(CredVaultCLI.binary, arguments, stdin: stdin.map { Data($0.utf8) },
                                     environment: environment, timeout: 90)
        transcript.append(result)
        return result
    }

    /// The audit trail as parsed JSON Lines (`credvault audit --json`).
    mutating func auditEvents() throws -> [[String: Any]] {
        let result = try run(["audit", "--json"])
        guard result.status == 0 else { throw HarnessError("audit --json failed: \(result)") }
        return try result.stdout.split(separator: "\n").map {
            guard let object = try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] else {
                throw HarnessError("audit line is not an object: \($0)")
            }
            return object
        }
    }

    /// `status --json`'s entry for one connector.
    mutating func connectorStatus(_ name: String) throws -> [String: Any] {
        let result = try run(["status", "--json"])
        guard result.status == 0,
              let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any],
              let connectors = object["connectors"] as? [[String: Any]],
              let entry = connectors.first(where: { $0["name"] as? String == name }) else {
            throw HarnessError("status --json has no connector \(name): \(result)")
        }
        return entry
    }
}

/// Is `needles` a subsequence of `haystack` (in order, gaps allowed)?
func isSubsequence(_ needles: [String], of haystack: [String]) -> Bool {
    var index = haystack.startIndex
    for needle in needles {
        guard let found = haystack[index...].firstIndex(of: needle) else { return false }
        index = haystack.index(after: found)
    }
    return true
}

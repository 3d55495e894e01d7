import Foundation
import TestSupport

/// The built `credvault` binary, run as a child process against one sandboxed vault; keeps
/// every output so a test can check at the end that no password was ever shown.
struct CredVaultCLI {
    let sandbox: VaultSandbox
    /// Every output of every command, to check at the end that no password was ever shown.
    private(set) var transcript: [ProcessResult] = []

    /// `credvault init --keyfile-out` for the sandbox's vault.
    init(sandbox: VaultSandbox) throws {
        self.sandbox = sandbox
        try sandbox.initializeVault()
    }

    @discardableResult
    mutating func run(_ arguments: [String], stdin: String? = nil) throws -> ProcessResult {
        let result = try sandbox.run(arguments, stdin: stdin, timeout: 90)
        transcript.append(result)
        return result
    }

    /// The audit trail as parsed JSON Lines (`credvault audit --json`).
    mutating func auditEvents() throws -> [[String: Any]] {
        let result = try run(["audit", "--json"])
        guard result.status == 0 else { throw TestFailure("audit --json failed: \(result)") }
        return try result.stdout.split(separator: "\n").map {
            guard let object = try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] else {
                throw TestFailure("audit line is not an object: \($0)")
            }
            return object
        }
    }

    /// `status --json`'s entry for one connector.
    mutating func connectorStatus(_ name: String) throws -> [String: Any] {
        let result = try run(["status", "--json"])
        // status exits 3 to 6 when a connector has a problem (issue 13); the JSON is the same.
        guard result.status == 0 || (3...6).contains(result.status),
              let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any],
              let connectors = object["connectors"] as? [[String: Any]],
              let entry = connectors.first(where: { $0["name"] as? String == name }) else {
            throw TestFailure("status --json has no connector \(name): \(result)")
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

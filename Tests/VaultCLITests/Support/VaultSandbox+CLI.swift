import Foundation
import TestSupport

/// What the black-box CLI tests do with a sandboxed vault beyond running `credvault`.
extension VaultSandbox {
    /// `set FOREST --account ACCOUNT --stdin` with `password`, expecting success.
    @discardableResult
    func set(
        _ forest: String, account: String = "svc-sync", password: String, extra: [String] = [],
        environment extraEnvironment: [String: String] = [:]
    ) throws -> ProcessResult {
        let result = try run(["set", forest, "--account", account, "--stdin"] + extra, stdin: password + "\n",
                             environment: extraEnvironment)
        guard result.status == 0 else { throw TestFailure("set failed (\(result.status)): \(result.stderr)") }
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
    func sqlite(_ sql: String) throws -> ProcessResult {
        try CLI.runSQLite(vaultPath, sql)
    }

    /// The vault's whole logical content (sqlite3 `.dump`): equal dumps mean an unchanged vault,
    /// audit trail included.
    func dump() throws -> String {
        let result = try sqlite(".dump")
        guard result.status == 0 else { throw TestFailure("sqlite3 .dump failed: \(result.stderr)") }
        return result.stdout
    }

    /// How many audit events the vault holds.
    func auditEventCount() throws -> Int {
        let result = try sqlite("SELECT count(*) FROM audit_events")
        guard result.status == 0, let count = Int(result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)) else {
            throw TestFailure("cannot count audit events: \(result.stderr)")
        }
        return count
    }
}

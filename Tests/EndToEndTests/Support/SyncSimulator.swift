import Foundation
import TestSupport

/// One simulated sync service (Tests/Fixtures/syncsim/syncsim) for one forest: it reads its
/// connector properties file at start and keeps the password in memory until restarted.
/// Its folder records the number of starts and its pid; its log is `logPath`.
final class SyncSimulator {
    let forest: String
    let state: URL
    let properties: URL
    var script: String { Fixtures.syncsim }
    var logPath: String { state.appendingPathComponent("service.log").path }

    /// The restart and health hooks to give `credvault connector add` (split like shell words).
    var restartCommand: String { "\(script) restart \(state.path)" }
    var healthCommand: String { "\(script) health \(state.path)" }

    /// Makes the service's folder. The service stops by itself once this test process is gone.
    init(forest: String, state: URL, properties: URL) throws {
        self.forest = forest
        self.state = state
        self.properties = properties
        try sim(["init", state.path, properties.path, String(getpid())], expect: 0)
    }

    deinit { _ = try? sim(["stop", state.path]) }

    /// Writes a keyvalue connector properties file the way the sync server keeps it.
    static func writeProperties(_ url: URL, forest: String, server: String, account: String, password: String) throws {
        let text = """
            # AD DS connector "\(forest)" (simulated Azure AD Connect)
            # Edited by the connector properties dialog; credvault replaces only the password line.
            forest=\(forest)
            server=\(server)
            account=\(account)
            password=\(password)
            # end

            """
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        FileManager.default.createFile(atPath: url.path, contents: Data(text.utf8), attributes: [.posixPermissions: 0o600])
    }

    func start() throws { try sim(["start", state.path], expect: 0) }
    func stop() throws { try sim(["stop", state.path], expect: 0) }

    /// Asks the service for one run and returns its result word
    /// (`success`, `no-start-credentials`, `stopped-server-down`, or `service not running`).
    func run() throws -> String {
        try sim(["run", state.path]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// How many times the service has been started.
    var starts: Int {
        Int((try? String(contentsOf: state.appendingPathComponent("starts"), encoding: .utf8))?
            .trimmingCharacters(in: .whitespacesAndNewlines) ?? "") ?? 0
    }

    /// The running service's pid, nil when it is not running.
    var pid: Int32? {
        let result = try? sim(["status", state.path])
        guard let result, result.status == 0,
              let field = result.stdout.split(separator: " ").first(where: { $0.hasPrefix("pid=") }) else { return nil }
        return Int32(field.dropFirst(4))
    }

    var log: String { (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? "" }

    @discardableResult
    private func sim(_ arguments: [String], expect: Int32? = nil) throws -> ProcessResult {
        let result = try Command.run("/bin/bash", [script] + arguments, timeout: 30)
        if let expect, result.status != expect {
            throw TestFailure("syncsim \(arguments.joined(separator: " ")) failed: \(result)")
        }
        return result
    }
}

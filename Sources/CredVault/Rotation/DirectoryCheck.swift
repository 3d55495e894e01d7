import Foundation

/// `directory test`: binds on every URL of a forest's directory with the stored password,
/// reads the policy, and reports. It changes nothing in the directory; its use of the
/// password is recorded as one `directory.test` event.
public struct DirectoryCheck {
    let vault: Vault

    public init(vault: Vault) {
        self.vault = vault
    }

    /// One URL's answer: the account's DN when the bind worked, or the error.
    public struct URLResult: Sendable {
        public let url: String
        public let accountDN: String?
        public let error: CredVaultError?
        public let seconds: Double
    }

    public struct Report: Sendable {
        public let directory: DirectoryConfig
        public let results: [URLResult]
        public let policy: DirectoryPolicy?
        public var passed: Bool { results.allSatisfy { $0.error == nil } }
    }

    public func run(forest rawForest: String, timeouts: DirectoryTimeouts = DirectoryTimeouts()) throws(CredVaultError) -> Report {
        let forest = try Validation.forest(rawForest)
        let entry = try vault.directory(forest: forest)
        guard entry.macValid else { throw .rotation(.directoryTampered(forest: forest)) }
        let access = DirectoryAccess(config: entry.config, timeouts: timeouts)
        let version = try vault.forestState(forest).currentVersion
        let current = try vault.passwordForPush(forest: forest, version: version)
        var results: [URLResult] = []
        var policy: DirectoryPolicy?
        for url in entry.config.urls {
            let started = Date()
            do throws(CredVaultError) {
                let session = try access.bind(url, as: entry.config.account, password: current)
                if policy == nil {
                    do { policy = try session.readPolicy() } catch { throw .directory(error, policy: nil) }
                }
                results.append(URLResult(url: url, accountDN: session.accountDN, error: nil, seconds: Date().timeIntervalSince(started)))
            } catch {
                results.append(URLResult(url: url, accountDN: nil, error: error, seconds: Date().timeIntervalSince(started)))
            }
        }
        let report = Report(directory: entry.config, results: results, policy: policy)
        try vault.recordDirectoryEvent(AuditEventDraft(
            action: .directoryTest, forest: forest, version: version, outcome: report.passed ? .ok : .failed,
            detail: ["urls": entry.config.urls.joined(separator: " "),
                     "failed": results.filter { $0.error != nil }.map(\.url).joined(separator: " ")]))
        return report
    }
}

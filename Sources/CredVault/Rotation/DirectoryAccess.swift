import Foundation

/// Binds to one forest's directory URLs with passwords the vault holds, and turns the
/// client's `DirectoryError` into the vault's error (with the policy, once read).
struct DirectoryAccess {
    let config: DirectoryConfig
    let timeouts: DirectoryTimeouts

    func client(_ url: String) throws(CredVaultError) -> DirectoryClient {
        do {
            return DirectoryClient(endpoint: try DirectoryEndpoint(url: url, caFile: config.caFile), kind: config.kind, timeouts: timeouts)
        } catch {
            throw .directory(error, policy: nil)
        }
    }

    /// One bind as `account` on `url`: a session, or the directory's refusal as the vault's error.
    func bind(_ url: String, as account: String, password: borrowing SecureBytes) throws(CredVaultError) -> DirectorySession {
        let client = try client(url)
        do {
            return try client.bind(as: DirectoryAccountName(account, kind: config.kind), password: password)
        } catch {
            throw .directory(error, policy: nil)
        }
    }

    /// What one bind as `account` on `url` shows about the password (one attempt, never a loop).
    func outcome(_ url: String, as account: String, password: borrowing SecureBytes) -> BindOutcome {
        do {
            let client = DirectoryClient(
                endpoint: try DirectoryEndpoint(url: url, caFile: config.caFile), kind: config.kind, timeouts: timeouts)
            _ = try client.bind(as: DirectoryAccountName(account, kind: config.kind), password: password)
            return .accepted
        } catch {
            return BindOutcome(bindError: error)
        }
    }

}

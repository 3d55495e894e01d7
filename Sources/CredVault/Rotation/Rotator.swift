import Foundation

/// Rotates a forest's password where it lives, then everywhere it is used, as one
/// recoverable operation: the steps of `RotationStep`, in order, each committed with its
/// audit event before the next starts. `observe` is told after each step is on disk.
public final class Rotator {
    let vault: Vault
    let options: RotationOptions
    let observe: @Sendable (RotationStep) -> Void
    /// When this process paused the dependents (nil: it paused none), for `--max-pause`.
    var pausedAt: Date?

    public init(vault: Vault, options: RotationOptions, observe: @escaping @Sendable (RotationStep) -> Void = { _ in }) {
        self.vault = vault
        self.options = options
        self.observe = observe
    }

    /// Preflight: the directory is set and untampered, no rotation is pending, the current
    /// password binds on every URL, the policy is read (and a self change is not too young),
    /// and every connector of the forest is ready (`ReadinessCheck`: health checks included,
    /// so a dry run refuses what the rotation would). Changes nothing.
    public func plan(forest rawForest: String, passwordGiven: Bool) async throws(CredVaultError) -> RotationPlan {
        let forest = try Validation.forest(rawForest)
        try FreeText.check(options.reason, what: "reason")
        // A forest the vault lacks is named as such, before its (missing) directory is.
        let baseVersion = try vault.forestState(forest).currentVersion
        let entry = try vault.directory(forest: forest)
        guard entry.macValid else { throw .rotation(.directoryTampered(forest: forest)) }
        if let pending = try vault.pendingRotation(forest: forest) {
            throw .rotation(.alreadyPending(forest: forest, since: pending.startedAt))
        }
        let config = entry.config
        let found = try preflightDirectory(config, currentPassword: try vault.passwordForPush(forest: forest, version: baseVersion))
        let readiness = try await ReadinessCheck(vault: vault).run(forest: forest, skip: options.skip, change: nil)
        try readiness.requireReady()
        return RotationPlan(
            forest: forest, directory: config, accountDN: found.accountDN, baseVersion: baseVersion,
            policy: found.policy, readiness: readiness, rotatorAccount: found.rotator,
            generatedLength: passwordGiven ? nil : RotationPlan.generatedLength(for: found.policy))
    }

    private struct Found {
        let accountDN: String
        let policy: DirectoryPolicy?
        let rotator: String?
    }

    /// Binds (as the account, or the rotator in reset mode) on the first URL and reads the
    /// policy; the account's current password must bind on every other URL.
    private func preflightDirectory(_ config: DirectoryConfig, currentPassword: borrowing SecureBytes) throws(CredVaultError) -> Found {
        let access = DirectoryAccess(config: config, timeouts: options.timeouts)
        let found: Found
        if let entry = config.resetWith {
            let rotator = try vault.forestState(entry).account
            let rotatorPassword = try vault.currentPassword(forest: entry)
            let session = try access.bind(config.urls[0], as: rotator, password: rotatorPassword)
            do {
                let dn = try session.findAccountDN(DirectoryAccountName(config.account, kind: config.kind))
                found = Found(accountDN: dn, policy: try session.readPolicy(accountDN: dn), rotator: rotator)
            } catch {
                throw .directory(error, policy: nil)
            }
        } else {
            let session = try access.bind(config.urls[0], as: config.account, password: currentPassword)
            let policy: DirectoryPolicy?
            do { policy = try session.readPolicy() } catch { throw .directory(error, policy: nil) }
            if let policy, case .notBefore(let earliest) = policy.selfChange(at: Date()) {
                throw .rotation(.tooYoung(forest: config.forest, notBefore: Timestamp.format(seconds: Int(earliest.timeIntervalSince1970.rounded(.up)))))
            }
            found = Found(accountDN: session.accountDN, policy: policy, rotator: nil)
        }
        for url in config.urls.dropFirst() {
            _ = try access.bind(url, as: config.account, password: currentPassword)
        }
        return found
    }

    /// The new password: `given` (checked against the policy) or one generated to meet it.
    func newPassword(_ plan: RotationPlan, given: consuming SecureBytes?) throws(CredVaultError) -> SecureBytes {
        guard let password = given.take() else {
            return try PasswordGenerator.generate(length: plan.generatedLength ?? PasswordGenerator.defaultLength)
        }
        try Validation.password(password)
        if let policy = plan.policy {
            let classes = password.withUnsafeBytes { PasswordGenerator.classCount(in: $0) }
            // Length in characters, as AD counts it (UTF-8 continuation bytes do not start one).
            let length = password.withUnsafeBytes { bytes in bytes.filter { $0 & 0xC0 != 0x80 }.count }
            if length < policy.minimumLength || (policy.complexityRequired && classes < 3) {
                throw .rotation(.passwordBelowPolicy(minimumLength: policy.minimumLength, complexity: policy.complexityRequired))
            }
        }
        try refuseFromHistory(plan, password)
        return password
    }

    /// Refuses a password that is one of the forest's last `pwdHistoryLength` versions: AD
    /// checks its history on a self change, but a reset skips it, so the vault (which holds
    /// every version) checks it itself, the same way in both modes.
    private func refuseFromHistory(_ plan: RotationPlan, _ password: borrowing SecureBytes) throws(CredVaultError) {
        guard let length = plan.policy?.historyLength, length > 0 else { return }
        let fingerprint = try vault.fingerprint(forest: plan.forest, password: password).hex
        let recent = try vault.forestState(plan.forest).versions.suffix(length)
        if let match = recent.last(where: { $0.fingerprint == fingerprint }) {
            throw .rotation(.passwordInHistory(version: match.version, historyLength: length))
        }
    }
}

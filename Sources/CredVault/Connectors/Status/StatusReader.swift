#if canImport(Glibc)
import Glibc
#endif

/// What `status` shows, read through the same probe and planner a push uses: each forest's
/// current version and age, each connector's target, last push and pending restart.
public struct StatusReader {
    let vault: Vault

    public init(vault: Vault) {
        self.vault = vault
    }

    /// Every forest with its current version and age. The age is `list`'s (one clock, one
    /// rounding), so `list` and `status` never disagree about whether a password is overdue.
    public func forests(now: Double = Timestamp.seconds()) throws(CredVaultError) -> [ForestStatus] {
        var result: [ForestStatus] = []
        for summary in try vault.list(now: now) {
            let state = try vault.forestState(summary.forest)
            result.append(ForestStatus(
                forest: summary.forest, account: summary.account, currentVersion: summary.currentVersion,
                fingerprint: Fingerprint(hex: state.currentFingerprint).short, currentSince: summary.age.since,
                ageSeconds: summary.age.seconds, maxAgeSeconds: summary.age.maxSeconds))
        }
        return result
    }

    /// Every connector (of one forest, or all): what its target holds, its last push, whether a
    /// restart is pending, and whether its row passes the MAC check.
    public func connectors(forest: String? = nil) throws(CredVaultError) -> [ConnectorStatus] {
        var result: [ConnectorStatus] = []
        let pushing = PushLock.isHeld(beside: vault.path)
        for entry in try vault.connectors(forest: forest) {
            var status = try status(of: entry)
            status.pushInProgress = pushing
            result.append(status)
        }
        return result
    }

    /// One connector's status (`ReadinessCheck` judges from the same reading).
    func status(of entry: ConnectorEntry) throws(CredVaultError) -> ConnectorStatus {
        let connector = entry.config
        let last = try vault.lastPush(connector: connector.name)
        let forestState = try vault.forestState(connector.forest)
        var state = TargetState.unknown
        var version: Int?
        var targetError: String?
        var reading = TargetReading()
        if !entry.macValid {
            state = .unverified
        } else {
            do throws(CredVaultError) {
                reading = try TargetProbe(vault: vault).read(connector, forest: forestState)
                (state, version) = StatusReader.judge(reading, forest: forestState)
            } catch {
                state = .unreadable
                targetError = error.description
            }
        }
        let hasRestart = connector.restartArgv != nil
        var restartPending = false
        if hasRestart, let last, last.wroteTarget, !last.restartSucceeded {
            restartPending = true
        }
        if hasRestart, state == .current, entry.macValid,
           PushPlanner.action(connector: connector, forest: forestState, target: reading, last: last, reconcile: true) == .restart {
            restartPending = true
        }
        let healthFailed = last.map { $0.state == .failed && $0.step == .health } ?? false
        var status = ConnectorStatus(
            name: connector.name, forest: connector.forest, adapter: connector.adapter, target: connector.targetDescription,
            macValid: entry.macValid, targetState: state, targetVersion: version, targetError: targetError, lastPush: last,
            restartPending: restartPending, healthFailed: healthFailed, currentVersion: forestState.currentVersion,
            hasRestartHook: hasRestart, filePath: entry.macValid ? connector.file?.path : nil)
        status.role = connector.role
        status.canPause = connector.canPause
        status.pause = try vault.pause(of: connector.name)
        return status
    }

    /// A reading as a state: current, stale (which version), unknown or missing.
    private static func judge(_ reading: TargetReading, forest: Vault.ForestState) -> (TargetState, Int?) {
        if reading.missing { return (.missing, nil) }
        guard let fingerprint = reading.fingerprint else { return (.unknown, nil) }
        if fingerprint == forest.currentFingerprint { return (.current, forest.currentVersion) }
        return reading.version == nil ? (.unknown, nil) : (.stale, reading.version)
    }
}

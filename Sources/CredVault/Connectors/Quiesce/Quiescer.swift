/// Pauses and resumes the sync services behind connectors, through their `pause` and
/// `resume` hooks: the same runner as restart and health (argv, no shell, the connector's
/// timeout, output redacted of the forest's passwords). Each pause and resume is an audited
/// step; a paused service stays recorded in the vault until a resume of it succeeds, so
/// `status` shows it and a later push, rotation or operator can finish it.
public final class Quiescer {
    let vault: Vault
    private let redactor: Redactor
    private var redactedForests: Set<String> = []

    public init(vault: Vault) {
        self.vault = vault
        self.redactor = Redactor()
    }

    /// A push shares its redactor, which already holds the password in play.
    init(vault: Vault, redactor: Redactor) {
        self.vault = vault
        self.redactor = redactor
    }

    // MARK: One connector

    /// Runs `connector`'s pause hook and records the pause (or its failure). The hook returns
    /// only once the service runs no sync and starts none.
    public func pause(_ connector: ConnectorConfig, cause: PauseCause) async throws(CredVaultError) -> QuiesceStep {
        guard let argv = connector.pauseArgv else { throw .missing(.hook(.pause, connector: connector.name)) }
        let result = try await run(argv, for: connector)
        var detail = ["pause": CommandLineSplitter.display(argv)]
        if result.succeeded {
            try vault.recordPause(connector, cause: cause, detail: detail)
        } else {
            detail["error"] = ConnectorPush.clip(result.summary)
            try vault.recordPauseFailure(connector, cause: cause, detail: detail)
        }
        return QuiesceStep(connector, .pause, result: result)
    }

    /// Runs `connector`'s resume hook; on success the recorded pause goes. The hook runs also
    /// when no pause is recorded (a pause killed half way may still have taken effect).
    public func resume(_ connector: ConnectorConfig) async throws(CredVaultError) -> QuiesceStep {
        guard let argv = connector.resumeArgv else { throw .missing(.hook(.resume, connector: connector.name)) }
        let recorded = try vault.pause(of: connector.name)
        let cause = recorded?.cause ?? .operator
        let result = try await run(argv, for: connector)
        var detail = ["resume": CommandLineSplitter.display(argv)]
        if recorded == nil { detail["recorded"] = "no" }
        if let since = recorded?.since { detail["paused_since"] = since }
        if result.succeeded {
            try vault.recordResume(connector, cause: cause, detail: detail)
        } else {
            detail["error"] = ConnectorPush.clip(result.summary)
            try vault.recordResumeFailure(connector, cause: cause, error: ConnectorPush.clip(result.summary), detail: detail)
        }
        return QuiesceStep(connector, .resume, result: result, wasRecorded: recorded != nil)
    }

    // MARK: Every dependent of a forest

    /// Pauses every connector of `forest` that has a pause hook, by name, except those in
    /// `skip`. Refuses a tampered connector before anything runs. When one pause fails, it
    /// and every service paused before it are resumed, and the batch reports the failure.
    public func pauseAll(forest rawForest: String, cause: PauseCause, skip: Set<String> = []) async throws(CredVaultError) -> PauseBatch {
        let forest = try Validation.forest(rawForest)
        let entries = try vault.connectors(forest: forest).filter { !skip.contains($0.config.name) }
        if let tampered = entries.first(where: { !$0.macValid }) { throw .connectorTampered(connector: tampered.config.name) }
        var batch = PauseBatch(forest: forest)
        batch.withoutHooks = entries.filter { !$0.config.canPause }.map(\.config.name)
        for entry in entries where entry.config.canPause {
            let step = try await pause(entry.config, cause: cause)
            batch.steps.append(step)
            if step.ok {
                batch.paused.append(entry.config.name)
                continue
            }
            batch.failure = step
            // The failed hook may have half-disabled its scheduler: it is resumed too.
            let undo = [entry.config] + entries.filter { batch.paused.contains($0.config.name) }.map(\.config).reversed()
            for connector in undo { batch.steps.append(try await resume(connector)) }
            batch.paused = []
            break
        }
        return batch
    }

    /// Resumes every recorded pause (of `forest`, or of all forests). With
    /// `includeUnrecorded`, every connector with a resume hook is resumed, recorded or not:
    /// what a recovery runs when it cannot know how far a pause got.
    public func resumeAll(forest rawForest: String?, includeUnrecorded: Bool = false) async throws(CredVaultError) -> [QuiesceStep] {
        let forest = try rawForest.map { (name) throws(CredVaultError) in try Validation.forest(name) }
        let recorded = Set(try vault.pauses(forest: forest).map(\.connector))
        var steps: [QuiesceStep] = []
        for entry in try vault.connectors(forest: forest) where entry.config.resumeArgv != nil {
            guard recorded.contains(entry.config.name) || includeUnrecorded else { continue }
            guard entry.macValid else { throw .connectorTampered(connector: entry.config.name) }
            steps.append(try await resume(entry.config))
        }
        return steps
    }

    // MARK: Running a hook

    private func run(_ argv: [String], for connector: ConnectorConfig) async throws(CredVaultError) -> HookResult {
        let forest = try vault.forestState(connector.forest)
        if !redactedForests.contains(forest.name), forest.currentVersion > 0 {
            try redactor.add(copyOf: try vault.passwordForPush(forest: forest.name, version: forest.currentVersion))
            redactedForests.insert(forest.name)
        }
        let environment = HookEnvironment(
            forest: forest.name, connector: connector.name, version: forest.currentVersion,
            fingerprint: Fingerprint(hex: forest.currentFingerprint).short)
        return await HookRunner.run(argv, environment: environment, timeout: .seconds(connector.timeoutSeconds), redactor: redactor)
    }
}

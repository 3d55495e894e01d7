/// The result of pushing to one connector.
public struct PushReport: Sendable {
    public let connector: String
    public let forest: String
    public var action: PushAction
    public var version: Int?
    public var fingerprint: String?
    public var outcome: PushOutcome
    public var message: String
    public var steps: [PushStepReport] = []
    public var rolledBackTo: Int?
    public var error: CredVaultError?
    public var targetVersionBefore: Int?
    /// What the push did with the service's schedule (paused, resumed, already paused).
    public var quiesce: [String] = []
    /// The service is still paused after this push (its restart or its resume failed): it
    /// runs no sync until someone resumes it.
    public var leftPaused = false
    /// Left alone with `--no-restart` while the restart is pending.
    public var restartLeftPending = false
}

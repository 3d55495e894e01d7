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
    /// Left alone with `--no-restart` while the restart is pending.
    public var restartLeftPending = false
}

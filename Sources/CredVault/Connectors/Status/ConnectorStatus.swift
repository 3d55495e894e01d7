/// One connector as `status` and `doctor` see it.
public struct ConnectorStatus: Sendable {
    public let name: String
    public let forest: String
    public let adapter: ConnectorAdapter
    public let target: String
    public let macValid: Bool
    public let targetState: TargetState
    public let targetVersion: Int?
    public let targetError: String?
    public let lastPush: PushRecord?
    public let restartPending: Bool
    public let healthFailed: Bool
    public let currentVersion: Int
    public let hasRestartHook: Bool
    /// The target file of a file connector.
    public let filePath: String?
    /// The dependent's role label (`active`, `staging`).
    public var role: String? = nil
    /// Whether its service has pause and resume hooks.
    public var canPause = false
    /// Set while credvault holds its service paused: since when, by whom, why a resume failed.
    public var pause: PauseRecord? = nil
    /// A push held the vault's push lock when this was read.
    public var pushInProgress = false
}

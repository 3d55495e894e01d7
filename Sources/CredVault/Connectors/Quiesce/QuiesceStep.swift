/// One pause or resume of one connector's service: what its hook did.
public struct QuiesceStep: Sendable {
    public enum Action: String, Sendable {
        case pause, resume
    }

    public let connector: String
    public let forest: String
    public let action: Action
    public let ok: Bool
    /// The hook's one-line summary (command and exit status), or why no hook ran.
    public let detail: String
    /// The hook's redacted output.
    public let stdout: String
    public let stderr: String
    /// False when the service was not recorded as paused before this resume (nothing to undo
    /// as far as the vault knows, but the hook ran all the same).
    public let wasRecorded: Bool

    init(_ connector: ConnectorConfig, _ action: Action, result: HookResult, wasRecorded: Bool = true) {
        self.connector = connector.name
        forest = connector.forest
        self.action = action
        ok = result.succeeded
        detail = result.summary + (result.succeeded ? "" : ConnectorPush.tail(result))
        stdout = result.stdout
        stderr = result.stderr
        self.wasRecorded = wasRecorded
    }
}

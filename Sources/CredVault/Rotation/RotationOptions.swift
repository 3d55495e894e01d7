/// What `rotate` asks for.
public struct RotationOptions: Sendable {
    public var reason: String?
    /// Preflight only: say what would happen, change nothing, audit nothing.
    public var dryRun = false
    /// Commit without pushing to the forest's connectors.
    public var noPush = false
    /// How long to wait for every other URL to accept the new password, in seconds.
    public var replicationTimeout: Double = 120
    public var timeouts = DirectoryTimeouts()
    /// Connectors left out on purpose (`--skip`): not required ready, not paused, not pushed;
    /// each skip is an audit event.
    public var skip: Set<String> = []
    /// How long dependents may stay paused, in seconds: past it before the directory change
    /// the rotation is abandoned; past it afterwards the report says so.
    public var maxPause: Double = 600

    public init(reason: String? = nil, dryRun: Bool = false, noPush: Bool = false, replicationTimeout: Double = 120) {
        self.reason = reason
        self.dryRun = dryRun
        self.noPush = noPush
        self.replicationTimeout = replicationTimeout
    }
}

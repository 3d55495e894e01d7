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

    public init(reason: String? = nil, dryRun: Bool = false, noPush: Bool = false, replicationTimeout: Double = 120) {
        self.reason = reason
        self.dryRun = dryRun
        self.noPush = noPush
        self.replicationTimeout = replicationTimeout
    }
}

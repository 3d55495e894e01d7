/// What a push asks for.
public struct PushOptions: Sendable {
    /// Only this connector (of the forest).
    public var connector: String?
    /// Write only; the restart stays pending.
    public var noRestart = false
    /// Say what would happen; change nothing, audit nothing.
    public var dryRun = false
    /// Write even when the file names another account.
    public var force = false
    /// When the health check fails, push the previous version back.
    public var rollbackOnFailure = false
    /// Leave a paused service paused after a healthy push (a caller that resumes it itself).
    public var keepPaused = false

    public init(connector: String? = nil, noRestart: Bool = false, dryRun: Bool = false, force: Bool = false,
                rollbackOnFailure: Bool = false) {
        self.connector = connector
        self.noRestart = noRestart
        self.dryRun = dryRun
        self.force = force
        self.rollbackOnFailure = rollbackOnFailure
    }
}

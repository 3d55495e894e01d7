/// How a rotation (or a resume) ended: what was done, and the facts each step reported.
public struct RotationReport: Sendable {
    public let forest: String
    public var plan: RotationPlan?
    public var stepsDone: [RotationStep] = []
    /// The version the rotation committed.
    public var version: VersionInfo?
    public var replicas: [ReplicaAnswer] = []
    public var pushes: [PushReport] = []
    /// Resume only: what the directory's answers decided.
    public var decision: RotationRecovery.Decision?
    /// Whether the old password was refused on the first URL after the change (nil: not tried).
    public var oldPasswordRefused: Bool?
    /// Set when the dependents stayed paused longer than `--max-pause`: for how long.
    public var pausedBeyondLimit: Double?

    public init(forest: String, plan: RotationPlan? = nil) {
        self.forest = forest
        self.plan = plan
    }
}

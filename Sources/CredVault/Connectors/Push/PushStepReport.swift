/// One step of a push as it ran.
public struct PushStepReport: Sendable {
    public let step: String
    public let ok: Bool
    public let detail: String
    public let attempts: Int
    public let stdout: String
    public let stderr: String
}

/// What one directory URL answered to the new password, and after how long.
public struct ReplicaAnswer: Sendable, Equatable {
    public let url: String
    public let accepted: Bool
    /// Seconds from the change until it accepted (or until the wait gave up).
    public let seconds: Double
    public let attempts: Int
}

/// How old a forest's current password is, against the maximum age that applies to it.
public struct PasswordAge: Sendable, Equatable {
    /// When the current version was stored (RFC 3339).
    public let since: String
    public let seconds: Int
    /// The effective maximum age (`MaxAgePolicy.effective`), nil when no policy applies.
    public let maxSeconds: Int?

    public init(since: String, seconds: Int, maxSeconds: Int?) {
        self.since = since
        self.seconds = seconds
        self.maxSeconds = maxSeconds
    }

    /// Older than the policy allows.
    public var overdue: Bool { maxSeconds.map { seconds > $0 } ?? false }

    /// How far past the maximum (0 when not overdue).
    public var overdueBySeconds: Int { maxSeconds.map { max(0, seconds - $0) } ?? 0 }
}

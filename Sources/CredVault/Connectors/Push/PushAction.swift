/// What a push does to one connector.
public enum PushAction: String, Sendable, Codable {
    /// Write the current version, restart, check health.
    case push
    /// The target already holds the current version: restart (and check health) only.
    case restart
    /// Nothing to do: the target holds the current version and its restart succeeded.
    case none
}

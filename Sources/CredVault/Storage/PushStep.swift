/// The step a push is at (for `failed`: the step that failed).
public enum PushStep: String, Sendable, Codable { case write, restart, health, done }

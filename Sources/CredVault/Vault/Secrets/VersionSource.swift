

/// How a version came to be.
public enum VersionSource: String, Sendable, Codable {
    case set, generate, rollback, `import`
}



public enum VersionSource: String, Sendable, Codable {
    case set, generate, rollback, `import`
}

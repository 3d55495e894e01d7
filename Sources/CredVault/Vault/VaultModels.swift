/// How a version came to be.
public enum VersionSource: String, Sendable, Codable {
    case set, generate, rollback, `import`
}

/// What the vault knows about one password version, without the password.
public struct VersionInfo: Sendable, Equatable {
    public let forest: String
    public let account: String
    public let version: Int
    public let createdAt: String
    public let actor: String
    public let source: VersionSource
    public let reason: String?
    public let rolledBackFrom: Int?
    public let fingerprint: Fingerprint
}

/// One row of `list`.
public struct ForestSummary: Sendable, Equatable {
    public let forest: String
    public let account: String
    public let currentVersion: Int
    public let updatedAt: String
}

/// A decrypted version: its facts and the password, in secure memory.
public struct RevealedSecret: ~Copyable {
    public let info: VersionInfo
    public let password: SecureBytes
}

/// The records of one `import`: names as text, passwords decoded into one secure arena
/// (an array cannot hold noncopyable values, and one arena means one allocation).
public final class ImportBatch {
    public struct Entry: Sendable {
        public let line: Int
        public let forest: String
        public let account: String
        let passwordRange: Range<Int>
    }

    private let arena: SecureBytes
    public let entries: [Entry]

    init(arena: consuming SecureBytes, entries: [Entry]) {
        self.arena = arena
        self.entries = entries
    }

    /// Lends the password of `entry`, copied out of the arena into its own secure buffer.
    func withPassword<R>(of entry: Entry, _ body: (borrowing SecureBytes) throws -> R) throws -> R {
        let password = try arena.slice(entry.passwordRange)
        return try body(password)
    }
}

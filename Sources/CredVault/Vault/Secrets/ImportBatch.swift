

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

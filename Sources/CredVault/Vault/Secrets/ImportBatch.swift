

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
    /// False for a CSV without a header row: nothing says which column is the forest, so a
    /// swapped file would store a password as a forest name (issue 14). Such records may
    /// only name forests the vault already has, unless the caller allows new ones.
    public let namesItsFields: Bool

    init(arena: consuming SecureBytes, entries: [Entry], namesItsFields: Bool = true) {
        self.arena = arena
        self.entries = entries
        self.namesItsFields = namesItsFields
    }

    /// Lends the password of `entry`, copied out of the arena into its own secure buffer.
    func withPassword<R>(of entry: Entry, _ body: (borrowing SecureBytes) throws -> R) throws -> R {
        let password = try arena.slice(entry.passwordRange)
        return try body(password)
    }
}

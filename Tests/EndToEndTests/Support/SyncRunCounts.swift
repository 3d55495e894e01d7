import TestSupport

/// What a polling simulator's scheduler did since `init` (`syncsim counts`).
struct SyncRunCounts: Equatable, CustomStringConvertible {
    let runs: Int
    let failed: Int
    /// One line per failed run: `failed run=K at=TIME result=R`.
    let failures: [String]

    init(parsing text: String) throws {
        let lines = text.split(separator: "\n").map(String.init)
        guard let first = lines.first else { throw TestFailure("syncsim counts printed nothing") }
        let fields = Dictionary(first.split(separator: " ").compactMap { field -> (String, Int)? in
            let parts = field.split(separator: "=")
            guard parts.count == 2, let value = Int(parts[1]) else { return nil }
            return (String(parts[0]), value)
        }, uniquingKeysWith: { $1 })
        guard let runs = fields["runs"], let failed = fields["failed"] else {
            throw TestFailure("syncsim counts: unexpected first line \(first)")
        }
        self.runs = runs
        self.failed = failed
        failures = Array(lines.dropFirst())
    }

    var description: String { (["runs=\(runs) failed=\(failed)"] + failures).joined(separator: "\n") }
}

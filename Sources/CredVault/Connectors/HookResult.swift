/// What became of one hook run. The output is redacted and at most 64 KiB per stream.
public struct HookResult: Sendable, Equatable {
    public enum Outcome: Sendable, Equatable {
        case exited(Int32)
        case signaled(Int32)
        /// The timeout passed: the process group got SIGTERM, then SIGKILL after the grace period.
        case timedOut(seconds: Double)
        case failedToStart(String)
    }

    public let argv: [String]
    public let outcome: Outcome
    public let stdout: String
    public let stderr: String
    public let stdoutTruncated: Bool
    public let stderrTruncated: Bool

    public var succeeded: Bool { outcome == .exited(0) }

    /// One line for messages and the pushes table.
    public var summary: String {
        let command = CommandLineSplitter.display(argv)
        switch outcome {
        case .exited(let code): return "\(command) exited with status \(code)"
        case .signaled(let signal): return "\(command) was killed by signal \(signal)"
        case .timedOut(let seconds):
            return "\(command) timed out after \(HookResult.format(seconds)) s; its process group was killed"
        case .failedToStart(let reason): return "\(command) could not be started: \(reason)"
        }
    }

    /// The last `limit` characters of stderr (or stdout when stderr is empty), on one line.
    public func outputTail(limit: Int = 300) -> String {
        let text = stderr.isEmpty ? stdout : stderr
        let flat = text.split(whereSeparator: \.isNewline).joined(separator: " | ")
        return flat.count > limit ? "…" + String(flat.suffix(limit)) : flat
    }

    static func format(_ seconds: Double) -> String {
        seconds == seconds.rounded() ? String(Int(seconds)) : String(Double(Int(seconds * 10)) / 10)
    }
}

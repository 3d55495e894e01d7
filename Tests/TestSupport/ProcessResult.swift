/// What a child process did: exit status and both outputs.
public struct ProcessResult: CustomStringConvertible, Sendable {
    public let status: Int32
    public let stdout: String
    public let stderr: String

    public init(status: Int32, stdout: String, stderr: String) {
        self.status = status
        self.stdout = stdout
        self.stderr = stderr
    }

    /// stderr's lines, for "one clear line" checks.
    public var stderrLines: [Substring] { stderr.split(separator: "\n") }

    public var description: String { "exit \(status)\nstdout:\n\(stdout)\nstderr:\n\(stderr)" }
}

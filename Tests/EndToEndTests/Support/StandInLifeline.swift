import Foundation
import TestSupport

/// A fixture harness whose lifeline is held by a stand-in for the test process (`sleep`), so a
/// test can SIGKILL the holder, as the kernel would end a crashed test run, and look at what
/// the harness leaves behind.
final class StandInLifeline {
    let holder: Process
    let harness: Process

    /// Starts `sleep` holding the write end of the pipe and `/bin/bash script arguments…` on
    /// its read end; the test process keeps neither end.
    init(script: String, arguments: [String]) throws {
        holder = Process()
        holder.executableURL = URL(fileURLWithPath: "/bin/sleep")
        holder.arguments = ["300"]
        let lifeline = Pipe()
        holder.standardOutput = lifeline
        harness = Process()
        harness.executableURL = URL(fileURLWithPath: "/bin/bash")
        harness.arguments = [script] + arguments
        harness.environment = ["PATH": Command.path]
        harness.standardInput = lifeline
        harness.standardOutput = FileHandle.nullDevice
        harness.standardError = FileHandle.nullDevice
        try holder.run()
        try harness.run()
        try lifeline.fileHandleForWriting.close()
        try lifeline.fileHandleForReading.close()
    }

    deinit { finish() }

    /// SIGKILLs the holder; the lifeline closes.
    func killHolder() {
        kill(holder.processIdentifier, SIGKILL)
        holder.waitUntilExit()
    }

    /// Kills the holder and waits for the harness to stop its servers and exit (SIGKILLing it
    /// first would orphan them); past 15 s kills the harness too.
    func finish() {
        if holder.isRunning { killHolder() }
        if !eventually(deadline: 15, poll: 0.05, { !harness.isRunning }) { kill(harness.processIdentifier, SIGKILL) }
        harness.waitUntilExit()
    }
}

import CredVault
import Foundation
import TestSupport
#if canImport(Glibc)
import Glibc
#endif

/// A fixture harness script (Tests/Fixtures/*/…-harness.sh) running with a lifeline: the
/// script stops its server as soon as its standard input closes, and this object holds the
/// only write end of that pipe. `stop()` closes it; if the test process dies the kernel does,
/// so no server outlives the tests.
final class HarnessProcess: @unchecked Sendable {
    // @unchecked: `process` and `lifeline` are only touched by `stop()`, which `lock` guards.
    private let process: Process
    private let lifeline: Pipe
    private let childPIDFile: URL
    private let lock = NSLock()
    private var stopped = false

    init(script: String, arguments: [String], childPIDFile: URL, log: URL) throws {
        self.childPIDFile = childPIDFile
        process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = [script] + arguments
        process.environment = ["PATH": ProcessRunner.path, "LANG": "C.UTF-8", "HOME": NSTemporaryDirectory()]
        lifeline = Pipe()
        // Close-on-exec: no other child of the test process may inherit the lifeline and keep
        // the server alive (the harness gets the read end as its stdin via dup2).
        for fd in [lifeline.fileHandleForWriting.fileDescriptor, lifeline.fileHandleForReading.fileDescriptor] {
            _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
        }
        process.standardInput = lifeline
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        let output = try FileHandle(forWritingTo: log)
        process.standardOutput = output
        process.standardError = output
        try process.run()
    }

    var isRunning: Bool { process.isRunning }

    /// Closes the lifeline and waits for the harness to exit; kills it and its server if that
    /// takes more than 10 s.
    func stop() {
        lock.lock()
        defer { lock.unlock() }
        guard !stopped else { return }
        stopped = true
        try? lifeline.fileHandleForWriting.close()
        if !ProcessRunner.waitUntil(10, { !process.isRunning }) {
            kill(process.processIdentifier, SIGKILL)
            if let text = try? String(contentsOf: childPIDFile, encoding: .utf8),
               let pid = Int32(text.trimmingCharacters(in: .whitespacesAndNewlines)) {
                kill(pid, SIGKILL)
            }
            process.waitUntilExit()
        }
    }

    deinit { stop() }
}

/// Where the fixtures live in the source tree.
enum Fixtures {
    static let folder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures")
    static let sambaHarness = folder.appendingPathComponent("samba/samba-harness.sh").path
    static let slapdHarness = folder.appendingPathComponent("ldap/slapd-harness.sh").path

    /// A new private temp folder.
    static func scratch(_ name: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("credvault-\(name)-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o700])
        return url
    }

    /// A password file's content in secure memory.
    static func password(at url: URL) throws -> SecureBytes {
        var data = try Data(contentsOf: url)
        defer { data.resetBytes(in: 0..<data.count) }
        var bytes = try SecureBytes(count: data.count)
        bytes.withUnsafeMutableBytes { _ = data.copyBytes(to: $0) }
        return bytes
    }

    /// A TCP port on 127.0.0.1 that was free a moment ago.
    static func freePort() throws -> UInt16 {
        let listener = try TCPListener()
        return listener.port
    }
}

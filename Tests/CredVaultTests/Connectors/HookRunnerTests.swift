import Foundation
import Testing
import TestSupport
@testable import CredVault
#if canImport(Glibc)
import Glibc
#endif

// Serialized: the subreaper flag a running hook sets is process-wide, and one test below
// depends on it staying set until its hook ends.
@Suite("HookRunner", .serialized)
struct HookRunnerTests {
    let environment = HookEnvironment(forest: "contoso.com", connector: "c", version: 3, fingerprint: "abc")

    @Test("exit status, exact environment, stdin from secure memory")
    func basics() async throws {
        let secret = try TestBytes.secure("st4ndard-in")
        let redactor = Redactor()
        let result = await HookRunner.run(
            ["/bin/sh", "-c", "env | sort; read line; test \"$line\" = st4ndard-in && exit 7"], environment: environment,
            timeout: .seconds(10), input: secret, redactor: redactor)
        #expect(result.outcome == .exited(7))
        let keys = result.stdout.split(separator: "\n").compactMap { $0.split(separator: "=").first }.map(String.init)
        #expect(Set(keys).isSuperset(of: ["CREDVAULT_FOREST", "CREDVAULT_CONNECTOR", "CREDVAULT_VERSION", "CREDVAULT_FINGERPRINT", "PATH", "LANG"]))
        #expect(result.stdout.contains("CREDVAULT_VERSION=3"))
        let missing = await HookRunner.run(["/nonexistent/hook"], environment: environment, timeout: .seconds(5), redactor: redactor)
        if case .failedToStart = missing.outcome {} else { Issue.record("expected failedToStart, got \(missing.outcome)") }
    }

    @Test("output beyond 64 KiB is truncated, not an error")
    func truncates() async {
        let result = await HookRunner.run(
            ["/bin/sh", "-c", "head -c 300000 /dev/zero | tr '\\0' x; echo done >&2"], environment: environment,
            timeout: .seconds(20), redactor: Redactor())
        #expect(result.outcome == .exited(0))
        #expect(result.stdout.utf8.count == HookRunner.captureLimit)
        #expect(result.stdoutTruncated)
        #expect(result.stderr == "done\n")
    }

    @Test("a hook that exits while a background child holds its output returns at once; the child is not killed")
    func backgroundChildHoldingPipes() async throws {
        let sandbox = try VaultSandbox("hook", initialize: false)
        let pidFile = sandbox.path("daemon.pid")
        let result = await HookRunner.run(
            ["/bin/sh", "-c", "sleep 60 & echo $! > \(pidFile); echo started"],
            environment: environment, timeout: .seconds(30), redactor: Redactor())
        let daemon = ObservedProcess(pidFile: pidFile)
        defer { daemon.killIfRunning() }
        #expect(result.outcome == .exited(0))
        #expect(result.stdout == "started\n")
        #expect(daemon.isRunning, "a daemon started by a restart hook keeps running")
    }

    @Test("the timeout kills the whole process group, grandchildren included")
    func timeoutKillsGroup() async throws {
        let sandbox = try VaultSandbox("hook", initialize: false)
        let pidFile = sandbox.path("child.pid")
        let result = await HookRunner.run(
            ["/bin/sh", "-c", "trap '' TERM; sleep 300 & echo $! > \(pidFile); while :; do sleep 1; done"],
            environment: environment, timeout: .seconds(1), redactor: Redactor())
        #expect(result.outcome == .timedOut(seconds: 1))
        let child = pid_t((try? String(contentsOfFile: pidFile, encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines) ?? "") ?? 0
        #expect(child > 0)
        #expect(eventually { ProcessRunner.isGone(child) })
    }

    @Test("the timeout kills the hook's orphans, not another orphan re-parented to us meanwhile")
    func timeoutSparesUnmarkedOrphans() async throws {
        let sandbox = try VaultSandbox("hook", initialize: false)
        // Someone else's child (another runner, a test's daemon), orphaned while the hook runs:
        // its parent waits on a pipe for the word to exit. No output pipes: the orphan would
        // inherit this process's stray descriptors and hold them.
        let outsiderFile = sandbox.path("outsider.pid")
        let release = Pipe()
        let parent = Process()
        parent.executableURL = URL(fileURLWithPath: "/bin/sh")
        parent.arguments = ["-c", "sleep 300 </dev/null & echo $! > \(outsiderFile); read word"]
        parent.standardInput = release
        parent.standardOutput = FileHandle.nullDevice
        parent.standardError = FileHandle.nullDevice
        try parent.run()
        #expect(await waitUntil(deadline: 30) { FileManager.default.fileExists(atPath: outsiderFile) && !sandbox.read("outsider.pid").isEmpty })
        let outsider = ObservedProcess(pidFile: outsiderFile)
        defer { outsider.killIfRunning() }

        let started = sandbox.path("hook.started")
        async let hook = HookRunner.run(
            ["/bin/sh", "-c", "touch \(started); exec sleep 300"],
            environment: environment, timeout: .seconds(3), redactor: Redactor())
        #expect(await waitUntil(deadline: 30) { FileManager.default.fileExists(atPath: started) })
        try release.fileHandleForWriting.write(contentsOf: Data("go\n".utf8))
        #expect(await waitUntil(deadline: 10) { Self.parent(of: outsider.pid) == getpid() },
                "the orphan was not re-parented to us (the subreaper)")
        let result = await hook
        #expect(result.outcome == .timedOut(seconds: 3))
        #expect(outsider.isRunning, "the hook's timeout killed a process that was not the hook's")
    }

    static func parent(of pid: pid_t) -> pid_t? {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = stat.lastIndex(of: ")") else { return nil }
        return stat[stat.index(close, offsetBy: 2)...].split(separator: " ").dropFirst().first.flatMap { pid_t($0) }
    }
}

import Foundation
import Testing
import TestSupport
@testable import CredVault
#if canImport(Glibc)
import Glibc
#endif

@Suite("HookRunner")
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
}

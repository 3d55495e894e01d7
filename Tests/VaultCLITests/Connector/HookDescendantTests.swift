import Foundation
import Testing
import TestSupport
#if canImport(Glibc)
import Glibc
#endif

/// Issue 14, finding 7: a hook's descendants that left its process group (`setsid`) or lost
/// their parent do not outlive its timeout, nor an interrupted push.
@Suite("Hooks leave no descendants")
struct HookDescendantTests {
    /// A restart hook that starts a grandchild in a session of its own (its parent exits at once,
    /// so the grandchild is orphaned), then hangs.
    static func escapingHook(_ bench: ConnectorBench) throws -> String {
        try bench.script("restart.sh", """
            echo $$ > "\(bench.path("hook.pid"))"
            bash -c 'setsid sleep 300 </dev/null >/dev/null 2>&1 & echo $! > "\(bench.path("grandchild.pid"))"'
            sleep 300
            """)
    }

    static func pid(_ bench: ConnectorBench, _ name: String) -> pid_t {
        pid_t(bench.read(name).trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0
    }

    @Test("At the timeout a setsid grandchild of the restart hook is killed too")
    func timeoutKillsSetsidGrandchild() throws {
        let bench = try ConnectorBench()
        try bench.vault.set("contoso.com", password: "Descendant-Pw-1")
        let target = try bench.file("t.properties", "password=old\n")
        let hook = try Self.escapingHook(bench)
        try bench.addConnector(["d", "--forest", "contoso.com", "--file", target, "--format", "keyvalue",
                                "--password-key", "password", "--restart", hook, "--timeout", "1"])
        let push = try bench.run(["push", "contoso.com"])
        let grandchild = Self.pid(bench, "grandchild.pid")
        let observed = ObservedProcess(grandchild)
        defer { observed.killIfRunning() }
        #expect(push.status == 3, "\(push.stderr)")
        #expect(push.stderr.contains("timed out"))
        #expect(grandchild > 0, "the hook did not start its grandchild")
        #expect(eventually { ProcessRunner.isGone(Self.pid(bench, "hook.pid")) }, "the hook survived its timeout")
        #expect(eventually { ProcessRunner.isGone(grandchild) }, "the setsid grandchild survived the hook's timeout")
    }

    @Test("SIGTERM to a push during the hook takes a setsid grandchild down too")
    func interruptKillsSetsidGrandchild() throws {
        let bench = try ConnectorBench()
        try bench.vault.set("contoso.com", password: "Descendant-Pw-2")
        let target = try bench.file("t.properties", "password=old\n")
        let hook = try Self.escapingHook(bench)
        try bench.addConnector(["d", "--forest", "contoso.com", "--file", target, "--format", "keyvalue",
                                "--password-key", "password", "--restart", hook, "--timeout", "300"])
        let push = Process()
        push.executableURL = CLI.binary
        push.arguments = ["push", "contoso.com"]
        push.environment = bench.vault.environment.merging(["PATH": "/usr/bin:/bin"]) { $1 }
        push.standardOutput = FileHandle.nullDevice
        push.standardError = FileHandle.nullDevice
        try push.run()
        defer { if push.isRunning { kill(push.processIdentifier, SIGKILL) } }
        #expect(eventually(deadline: 30) { Self.pid(bench, "grandchild.pid") > 0 })
        let grandchild = Self.pid(bench, "grandchild.pid")
        let observed = ObservedProcess(grandchild)
        defer { observed.killIfRunning() }
        kill(push.processIdentifier, SIGTERM)
        push.waitUntilExit()
        #expect(eventually { ProcessRunner.isGone(grandchild) }, "the setsid grandchild survived the interrupted push")
    }

}

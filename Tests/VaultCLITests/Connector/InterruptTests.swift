import Foundation
import Testing
import TestSupport
#if canImport(Glibc)
import Glibc
#endif

@Suite("Interrupting a push")
struct InterruptTests {
    @Test("SIGINT or SIGTERM to credvault during a restart hook takes the hook and its child down too",
          arguments: [SIGINT, SIGTERM])
    func interruptKillsTheHookGroup(signal: Int32) throws {
        let bench = try ConnectorBench()
        try bench.vault.set("contoso.com", password: "Interrupted-Push-1")
        let target = try bench.file("contoso.properties", "password=old\n")
        // The hook records its pid and its child's, then waits far longer than the test.
        let hook = try bench.script("restart.sh", """
            echo $$ > "\(bench.path("hook.pid"))"
            sleep 300 &
            echo $! > "\(bench.path("child.pid"))"
            wait
            """)
        try bench.addConnector(["contoso-sync", "--forest", "contoso.com", "--file", target, "--format", "keyvalue",
                                "--password-key", "password", "--restart", hook, "--timeout", "300"])

        let push = try bench.vault.start(["push", "contoso.com"])
        defer { if push.isRunning { kill(push.processIdentifier, SIGKILL) } }

        #expect(eventually { FileManager.default.fileExists(atPath: bench.path("child.pid")) && !bench.read("child.pid").isEmpty })
        let hookPID = try #require(pid_t(bench.read("hook.pid").trimmingCharacters(in: .whitespacesAndNewlines)))
        let childPID = try #require(pid_t(bench.read("child.pid").trimmingCharacters(in: .whitespacesAndNewlines)))
        let observed = [ObservedProcess(hookPID), ObservedProcess(childPID)]
        defer { for process in observed { process.killIfRunning() } }

        kill(push.processIdentifier, signal)
        push.waitUntilExit()
        #expect(push.terminationReason == .uncaughtSignal)
        #expect(eventually { ProcessRunner.isGone(hookPID) && ProcessRunner.isGone(childPID) })

        // The write happened before the interrupt: the restart is pending, and status says so.
        let status = try bench.status("contoso-sync")
        #expect(status["restart_pending"] as? Bool == true)
    }
}

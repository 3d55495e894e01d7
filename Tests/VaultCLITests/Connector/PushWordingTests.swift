import Foundation
import Testing
import TestSupport

/// Issue 13: push's words say what happened, no more.
@Suite("Push messages that do not mislead")
struct PushWordingTests {
    @Test("a push with no health check does not call the service healthy")
    func noHealthCheckIsNotHealthy() throws {
        let bench = try ConnectorBench()
        try bench.vault.set("contoso.com", password: "No-Health-Pw-1")
        let target = try bench.file("t.properties", "password=old\n")
        try bench.addConnector(["n", "--forest", "contoso.com", "--file", target, "--format", "keyvalue", "--password-key", "password",
                                "--restart", "/bin/true"])
        let pushed = try bench.run(["push", "contoso.com"])
        #expect(pushed.status == 0)
        #expect(pushed.stdout.contains("no health check configured"), "\(pushed.stdout)")
        #expect(!pushed.stdout.contains("healthy"), "\(pushed.stdout)")
    }

    @Test("rollback-on-failure says the vault's current version stays and what the next push does")
    func rollbackSaysWhatStays() throws {
        let bench = try ConnectorBench()
        try bench.vault.set("contoso.com", password: "Good-Pw-v1")
        let target = try bench.file("t.properties", "password=old\n")
        let health = try bench.script("health.sh", "grep -q Good-Pw \(target)")
        try bench.addConnector(["h", "--forest", "contoso.com", "--file", target, "--format", "keyvalue", "--password-key", "password",
                                "--health", health, "--timeout", "1"])
        #expect(try bench.run(["push", "contoso.com"]).status == 0)
        try bench.vault.set("contoso.com", password: "Bad-Pw-v2")
        let rolled = try bench.run(["push", "contoso.com", "--rollback-on-failure"])
        #expect(rolled.status == 4)
        #expect(!rolled.stderr.contains("stays in place"), "\(rolled.stderr)")
        #expect(!rolled.stderr.contains("the directory has it"), "\(rolled.stderr)")
        #expect(rolled.stderr.contains("wrote v1 back to h (healthy)"), "\(rolled.stderr)")
        #expect(rolled.stderr.contains("the vault's current version stays v2"), "\(rolled.stderr)")
        #expect(rolled.stderr.contains("writes v2 again"), "\(rolled.stderr)")
        #expect(rolled.stderr.contains("credvault rollback contoso.com --to 1"), "\(rolled.stderr)")
        // And so it is: the vault still says v2 and the next reconcile pushes it.
        #expect(try bench.status("h")["target_state"] as? String == "stale")
        #expect(try bench.run(["push", "--all"]).status == 4)
        #expect(bench.keyValue("t.properties", "password") == "Bad-Pw-v2")
    }
}

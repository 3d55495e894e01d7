import Foundation
import Testing
import TestSupport
#if canImport(Glibc)
import Glibc
#endif

@Suite("Connector hooks (AC2, AC3, AC4)")
struct ConnectorHookTests {
    @Test("A restart hook never sees the password in argv or environment; its environment is exactly the six variables")
    func restartHookSeesNoPassword() throws {
        let bench = try ConnectorBench()
        let password = "Hook-Secret-Pw-42"
        try bench.vault.set("contoso.com", account: "svc", password: password)
        let target = try bench.file("t.properties", "password=old\n")
        let restart = try bench.script("restart.sh", """
            tr '\\0' '\\n' < /proc/$$/cmdline > \(bench.path("cmdline.txt"))
            tr '\\0' '\\n' < /proc/$$/environ > \(bench.path("environ.txt"))
            env > \(bench.path("env.txt"))
            echo "restart ran"
            """)
        try bench.addConnector(["r", "--forest", "contoso.com", "--file", target, "--format", "keyvalue", "--password-key", "password",
                                "--restart", "\(restart) --flag 'an argument'"])
        let push = try bench.run(["push", "contoso.com", "--json"])
        #expect(push.status == 0, "\(push.stderr)")
        for name in ["cmdline.txt", "environ.txt", "env.txt"] {
            let text = bench.read(name)
            #expect(!text.isEmpty, "\(name) was not written")
            #expect(!text.contains(password), "\(name) holds the password")
        }
        #expect(bench.read("cmdline.txt").split(separator: "\n").suffix(2) == ["--flag", "an argument"])
        let keys = Set(bench.read("environ.txt").split(separator: "\n").compactMap { $0.split(separator: "=").first.map(String.init) })
        #expect(keys == ["PATH", "LANG", "CREDVAULT_FOREST", "CREDVAULT_CONNECTOR", "CREDVAULT_VERSION", "CREDVAULT_FINGERPRINT",
                         "CREDVAULT_HOOK_RUN"])
        #expect(bench.read("environ.txt").contains("CREDVAULT_FOREST=contoso.com"))
        #expect(bench.read("environ.txt").contains("CREDVAULT_VERSION=1"))
        #expect(!push.stdout.contains(password))
        // The vault files never hold the password in plaintext either.
        #expect(try bench.vault.allVaultBytes().range(of: Data(password.utf8)) == nil)
    }

    @Test("The exec adapter gets the password on standard input only")
    func execAdapterReadsStdin() throws {
        let bench = try ConnectorBench()
        let password = "Exec-Secret-Pw-7"
        try bench.vault.set("contoso.com", account: "svc", password: password)
        let adapter = try bench.script("adapter.sh", """
            cat > \(bench.path("received.txt"))
            tr '\\0' '\\n' < /proc/$$/cmdline > \(bench.path("cmdline.txt"))
            tr '\\0' '\\n' < /proc/$$/environ > \(bench.path("environ.txt"))
            """)
        try bench.addConnector(["x", "--forest", "contoso.com", "--exec", adapter])
        let push = try bench.run(["push", "contoso.com"])
        #expect(push.status == 0, "\(push.stderr)")
        #expect(bench.read("received.txt") == password + "\n")
        #expect(!bench.read("cmdline.txt").contains(password))
        #expect(!bench.read("environ.txt").contains(password))
        #expect(try bench.status("x")["target_state"] as? String == "current")
        // Reconcile: the exec target is current by its last write, so --all leaves it alone.
        try FileManager.default.removeItem(atPath: bench.path("received.txt"))
        #expect(try bench.run(["push", "--all"]).status == 0)
        #expect(!FileManager.default.fileExists(atPath: bench.path("received.txt")))
    }

    @Test("Hook output is redacted before it is shown or stored")
    func outputIsRedacted() throws {
        let bench = try ConnectorBench()
        let password = "Leaky-Secret-Pw-9"
        try bench.vault.set("contoso.com", account: "svc", password: password)
        let target = try bench.file("t.properties", "password=old\n")
        let health = try bench.script("health.sh", "cat \(target); echo \"pw is $(grep password \(target))\" >&2; exit 1")
        try bench.addConnector(["h", "--forest", "contoso.com", "--file", target, "--format", "keyvalue", "--password-key", "password",
                                "--health", health, "--timeout", "1"])
        let push = try bench.run(["push", "contoso.com", "--json"])
        #expect(push.status == 4)
        #expect(push.stdout.contains("[REDACTED]"))
        #expect(!push.stdout.contains(password) && !push.stderr.contains(password))
        let stored = try bench.vault.sqlite("SELECT IFNULL(error,'') FROM pushes; SELECT IFNULL(detail,'') FROM audit_events;")
        #expect(!stored.stdout.contains(password))
        #expect(try bench.vault.allVaultBytes().range(of: Data(password.utf8)) == nil)
    }

    @Test("A hanging restart hook and its child are killed at the timeout; exit 3; restart pending; push --all runs only the restart")
    func hangingRestartIsKilled() throws {
        let bench = try ConnectorBench()
        try bench.vault.set("contoso.com", account: "svc", password: "Hang-Pw-1")
        let target = try bench.file("t.properties", "password=old\nport=1\n")
        let restart = try bench.script("restart.sh", """
            echo $$ > \(bench.path("hook.pid"))
            sh -c 'sleep 300 & echo $! > \(bench.path("child.pid")); wait'
            """)
        try bench.addConnector(["h", "--forest", "contoso.com", "--file", target, "--format", "keyvalue", "--password-key", "password",
                                "--restart", restart, "--timeout", "1"])
        let push = try bench.run(["push", "contoso.com"])
        #expect(push.status == 3, "\(push.stderr)")
        #expect(push.stderr.contains("timed out"))
        let hookPID = pid_t(bench.read("hook.pid").trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0
        let childPID = pid_t(bench.read("child.pid").trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0
        #expect(hookPID > 0 && childPID > 0)
        #expect(eventually { ProcessRunner.isGone(hookPID) }, "the hook survived its timeout")
        #expect(eventually { ProcessRunner.isGone(childPID) }, "the hook's child survived the timeout")
        #expect(bench.keyValue("t.properties", "password") == "Hang-Pw-1", "the write stays")
        let status = try bench.status("h")
        #expect(status["restart_pending"] as? Bool == true)
        #expect(status["target_state"] as? String == "current")
        // The hook works again: push --all restarts only (no write), once.
        try bench.script("restart.sh", "echo run >> \(bench.path("restarts.txt"))")
        let before = try bench.statInfo("t.properties")
        let reconcile = try bench.run(["push", "--all", "--json"])
        #expect(reconcile.status == 0, "\(reconcile.stderr)")
        #expect(reconcile.stdout.contains("\"action\":\"restart\""))
        #expect(bench.read("restarts.txt") == "run\n")
        #expect(try bench.statInfo("t.properties").inode == before.inode, "the file was rewritten")
        #expect(try bench.status("h")["restart_pending"] as? Bool == false)
        // Nothing left to do: a second reconcile runs no hook.
        #expect(try bench.run(["push", "--all"]).status == 0)
        #expect(bench.read("restarts.txt") == "run\n")
    }

    @Test("A failing health check exits 4; --rollback-on-failure puts the previous version back; the audit shows both pushes")
    func healthFailureAndRollback() throws {
        let bench = try ConnectorBench()
        try bench.vault.set("contoso.com", account: "svc", password: "Good-Pw-v1")
        let target = try bench.file("t.properties", "password=old\n")
        let health = try bench.script("health.sh", "exit 0")
        try bench.addConnector(["h", "--forest", "contoso.com", "--file", target, "--format", "keyvalue", "--password-key", "password",
                                "--health", health, "--timeout", "2"])
        #expect(try bench.run(["push", "contoso.com"]).status == 0)
        try bench.vault.set("contoso.com", account: "svc", password: "Bad-Pw-v2")
        try bench.script("health.sh", "grep -q Good-Pw \(target)")
        // Default: report, leave the new password in place.
        let failed = try bench.run(["push", "contoso.com"])
        #expect(failed.status == 4, "\(failed.stderr)")
        #expect(bench.keyValue("t.properties", "password") == "Bad-Pw-v2")
        #expect(try bench.status("h")["health_failed"] as? Bool == true)
        // With rollback: the previous version goes back.
        let rolled = try bench.run(["push", "contoso.com", "--rollback-on-failure", "--json"])
        #expect(rolled.status == 4, "\(rolled.stderr)")
        #expect(rolled.stdout.contains("\"rolled_back_to\":1"))
        #expect(bench.keyValue("t.properties", "password") == "Good-Pw-v1")
        let actions = try bench.auditActions(connector: "h")
        #expect(actions.contains("push.written:2"))
        #expect(actions.contains("push.failed:2"))
        #expect(actions.last == "push.healthy:1")
        #expect(actions.filter { $0 == "push.written:1" }.count == 2, "\(actions)")
        let status = try bench.status("h")
        #expect(status["target_state"] as? String == "stale")
        #expect(status["target_version"] as? Int == 1)
    }
}

import Foundation
import Testing
import TestSupport
#if canImport(Glibc)
import Glibc
#endif

@Suite("Connector status, doctor, tampering, dry run (AC6, AC7)")
struct ConnectorStatusTests {
    /// A forest with a keyvalue connector that has restart and health hooks (both succeed).
    func makeBench() throws -> (ConnectorBench, String) {
        let bench = try ConnectorBench()
        try bench.vault.set("contoso.com", account: "CONTOSO\\svc", password: "State-Pw-v1")
        let target = try bench.file("t.properties", "user=CONTOSO\\svc\npassword=old\n")
        let restart = try bench.script("restart.sh", "exit 0")
        let health = try bench.script("health.sh", "exit 0")
        try bench.addConnector(["s", "--forest", "contoso.com", "--file", target, "--format", "keyvalue", "--password-key", "password",
                                "--account-key", "user", "--restart", restart, "--health", health, "--timeout", "1"])
        return (bench, target)
    }

    func doctor(_ bench: ConnectorBench, _ extra: [String] = []) throws -> ProcessResult {
        try bench.run(["doctor", "contoso.com"] + extra)
    }

    @Test("status counts each forest's connectors and marks a forest that no connector receives")
    func forestsWithoutConnectors() throws {
        let (bench, _) = try makeBench()
        try bench.vault.set("fabrikam.com", account: "FABRIKAM\\svc", password: "Lonely-Pw-1")
        let json = try JSON.object(try bench.run(["status", "--json"]).stdout)
        let forests = try #require(json["forests"] as? [[String: Any]])
        let counts = Dictionary(uniqueKeysWithValues: forests.map { ($0["forest"] as? String ?? "", $0["connectors"] as? Int ?? -1) })
        #expect(counts == ["contoso.com": 1, "fabrikam.com": 0])
        let table = try bench.run(["status"]).stdout.split(separator: "\n")
        #expect(table.first?.hasSuffix("CONNECTORS") == true)
        #expect(table.contains { $0.hasPrefix("fabrikam.com") && $0.hasSuffix("none") }, "\(table)")
        #expect(table.contains { $0.hasPrefix("contoso.com") && $0.hasSuffix("1") }, "\(table)")
    }

    @Test("status --json and doctor in each state: current, stale, restart pending, health failed, missing file")
    func eachState() throws {
        let (bench, target) = try makeBench()

        // Never pushed: the file holds a password no version matches.
        #expect(try bench.status("s")["target_state"] as? String == "unknown")

        // current
        #expect(try bench.run(["push", "contoso.com"]).status == 0)
        var status = try bench.status("s")
        #expect(status["target_state"] as? String == "current")
        #expect(status["target_version"] as? Int == 1)
        #expect(status["last_push_state"] as? String == "healthy")
        #expect(status["restart_pending"] as? Bool == false)
        #expect(status["mac_ok"] as? Bool == true)
        var doc = try doctor(bench)
        #expect(doc.status == 0)
        #expect(doc.stdout.contains("OK:"))

        // stale
        try bench.vault.set("contoso.com", account: "CONTOSO\\svc", password: "State-Pw-v2")
        status = try bench.status("s")
        #expect(status["target_state"] as? String == "stale")
        #expect(status["target_version"] as? Int == 1)
        #expect(status["current_version"] as? Int == 2)
        doc = try doctor(bench)
        #expect(doc.status == 1)
        #expect(doc.stdout.contains("stale"))
        #expect(doc.stdout.contains("fix: credvault push contoso.com"))

        // restart pending
        let written = try bench.run(["push", "contoso.com", "--no-restart"])
        #expect(written.status == 0, "\(written.stderr)")
        status = try bench.status("s")
        #expect(status["target_state"] as? String == "current")
        #expect(status["restart_pending"] as? Bool == true)
        #expect(status["last_push_state"] as? String == "written")
        doc = try doctor(bench)
        #expect(doc.status == 1)
        #expect(doc.stdout.contains("not restarted"))
        #expect(doc.stdout.contains("old password in memory"))
        #expect(doc.stdout.contains("credvault push contoso.com"))

        // health failed (the explicit push runs only the restart and health check)
        try bench.script("health.sh", "echo 'login failed' >&2; exit 1")
        let unhealthy = try bench.run(["push", "contoso.com", "--json"])
        #expect(unhealthy.status == 4)
        #expect(unhealthy.stdout.contains("\"action\":\"restart\""))
        status = try bench.status("s")
        #expect(status["health_failed"] as? Bool == true)
        #expect(status["restart_pending"] as? Bool == false)
        #expect(status["last_push_state"] as? String == "failed")
        #expect(status["last_push_step"] as? String == "health")
        doc = try doctor(bench)
        #expect(doc.status == 1)
        #expect(doc.stdout.contains("health check failed"))

        // missing target file
        try FileManager.default.removeItem(atPath: target)
        status = try bench.status("s")
        #expect(status["target_state"] as? String == "missing")
        doc = try doctor(bench)
        #expect(doc.status == 1)
        #expect(doc.stdout.contains("missing"))
        let push = try bench.run(["push", "contoso.com"])
        #expect(push.status == 66)
        #expect(!FileManager.default.fileExists(atPath: target), "a push never creates the target")
    }

    @Test("doctor --log: no-start-credentials or Event ID 6000 after the last healthy push means the directory has another password")
    func doctorReadsTheServiceLog() throws {
        let (bench, _) = try makeBench()
        #expect(try bench.run(["push", "contoso.com"]).status == 0)
        let log = try bench.file("service.log", """
            2020-01-01 10:00:00 run profile contoso.com: no-start-credentials
            2020-01-01 10:00:01 Event ID 6000: The management agent "contoso.com" failed to run because the credentials were invalid
            """)
        // Old lines, before the healthy push: nothing to report.
        var doc = try bench.run(["doctor", "contoso.com", "--log", log])
        #expect(doc.status == 0, "\(doc.stdout)")
        let now = Date().addingTimeInterval(60)
        let stamp = ISO8601DateFormatter().string(from: now)
        try bench.file("service.log", """
            \(stamp) Information: export completed
            \(stamp) Error: The management agent "contoso.com" failed to run because the credentials were invalid. Event ID 6000
            """)
        doc = try bench.run(["doctor", "contoso.com", "--log", log])
        #expect(doc.status == 1)
        #expect(doc.stdout.contains("Event ID 6000"))
        #expect(doc.stdout.contains("directory holds a password that the vault does not"))
        #expect(doc.stdout.contains("credvault set contoso.com --account 'CONTOSO\\svc' --stdin"))
        try bench.file("service.log", "\(stamp) run-status: no-start-credentials\n")
        doc = try bench.run(["doctor", "contoso.com", "--log", log, "--json"])
        #expect(doc.status == 1)
        #expect(doc.stdout.contains("no-start-credentials"))
    }

    @Test("A connectors row edited with the sqlite3 shell is refused at push with exit 65 and flagged by status and show")
    func tamperedRowIsRefused() throws {
        let (bench, target) = try makeBench()
        let evil = try bench.file("evil.properties", "user=CONTOSO\\svc\npassword=old\n")
        let edit = try bench.vault.sqlite("UPDATE connectors SET config = replace(config, 't.properties', 'evil.properties') WHERE name = 's'")
        #expect(edit.status == 0, "\(edit.stderr)")
        let push = try bench.run(["push", "contoso.com"])
        #expect(push.status == 65)
        #expect(push.stderr.contains("MAC"))
        #expect(bench.keyValue("evil.properties", "password") == "old")
        #expect(bench.keyValue("t.properties", "password") == "old")
        _ = target
        _ = evil
        #expect(try bench.auditActions(connector: "s").last == "push.failed:", "the refusal is audited")
        let all = try bench.run(["push", "--all"])
        #expect(all.status == 65)
        let status = try bench.run(["status", "--json"])
        #expect(status.status == 65)
        #expect(status.stdout.contains("\"mac_ok\":false"))
        #expect(try bench.run(["connector", "show", "s"]).status == 65)
        #expect(try bench.run(["doctor", "contoso.com"]).status == 65)
        // Other columns are covered too.
        let (bench2, _) = try makeBench()
        try bench2.vault.sqlite("UPDATE connectors SET restart_argv = '[\"/bin/sh\",\"-c\",\"id\"]' WHERE name = 's'")
        #expect(try bench2.run(["push", "contoso.com"]).status == 65)
        let (bench3, _) = try makeBench()
        try bench3.vault.sqlite("UPDATE connectors SET timeout_seconds = 3000 WHERE name = 's'")
        #expect(try bench3.run(["push", "contoso.com"]).status == 65)
    }

    @Test("--dry-run says what would happen and changes nothing, not even the audit trail")
    func dryRunChangesNothing() throws {
        let (bench, _) = try makeBench()
        let before = bench.bytes("t.properties")
        let events = try bench.auditCount()
        let dry = try bench.run(["push", "contoso.com", "--dry-run"])
        #expect(dry.status == 0, "\(dry.stderr)")
        #expect(dry.stdout.contains("would write contoso.com v1"))
        #expect(bench.bytes("t.properties") == before)
        #expect(try bench.auditCount() == events)
        #expect(try bench.vault.sqlite("SELECT COUNT(*) FROM pushes").stdout.hasPrefix("0"))
    }
}

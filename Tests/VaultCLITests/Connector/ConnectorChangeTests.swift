import Foundation
import Testing
import TestSupport

/// Issue 13: `connector change NAME` instead of remove and add again.
@Suite("connector change")
struct ConnectorChangeTests {
    func makeBench() throws -> (ConnectorBench, String) {
        let bench = try ConnectorBench()
        try bench.vault.set("contoso.com", password: "Change-Pw-1")
        let target = try bench.file("t.properties", "password=old\n")
        try bench.addConnector(["c", "--forest", "contoso.com", "--file", target, "--format", "keyvalue", "--password-key", "password",
                                "--restart", "/bin/true", "--timeout", "5"])
        return (bench, target)
    }

    @Test("a changed health check and timeout are stored, audited with old and new, the push history kept")
    func changeHooks() throws {
        let (bench, _) = try makeBench()
        #expect(try bench.run(["push", "contoso.com"]).status == 0)
        let health = try bench.script("health.sh", "exit 0")
        let changed = try bench.run(["connector", "change", "c", "--health", health, "--timeout", "9"])
        #expect(changed.status == 0, "\(changed)")
        #expect(changed.stdout.contains("health, timeout_seconds"), "\(changed.stdout)")
        let shown = try bench.run(["connector", "show", "c", "--json"])
        #expect(shown.status == 0, "\(shown)")
        #expect(shown.stdout.contains("\"timeout_seconds\":9"), "\(shown.stdout)")
        #expect(shown.stdout.contains("health.sh"), "\(shown.stdout)")
        let event = try bench.vault.sqlite("SELECT detail FROM audit_events WHERE action = 'connector.change'").stdout
        #expect(event.contains("\"previous_timeout_seconds\":\"5\""), "\(event)")
        #expect(event.contains("\"timeout_seconds\":\"9\""), "\(event)")
        #expect(try bench.run(["audit", "verify"]).status == 0)
        // The push history stays: the connector is still current, nothing to restart.
        #expect(try bench.status("c")["last_push_state"] as? String == "healthy")
        #expect(try bench.run(["status"]).status == 0)
    }

    @Test("a new target is checked as add checks it; a bad one changes nothing")
    func changeTarget() throws {
        let (bench, _) = try makeBench()
        let before = try bench.vault.dump()
        #expect(try bench.run(["connector", "change", "c", "--file", bench.path("missing.properties")]).status != 0)
        #expect(try bench.run(["connector", "change", "c", "--restart", "/no/such/program"]).status != 0)
        #expect(try bench.run(["connector", "change", "nosuch", "--timeout", "9"]).status == 66)
        #expect(try bench.run(["connector", "change", "c", "--timeout", "0"]).status == 64)
        #expect(try bench.vault.dump() == before)
        let other = try bench.file("u.properties", "secret=old\n")
        let moved = try bench.run(["connector", "change", "c", "--file", other, "--password-key", "secret"])
        #expect(moved.status == 0, "\(moved)")
        #expect(try bench.run(["push", "contoso.com"]).status == 0)
        #expect(bench.keyValue("u.properties", "secret") == "Change-Pw-1")
        let same = try bench.run(["connector", "change", "c", "--timeout", "5"])
        #expect(same.stdout.contains("nothing changed"), "\(same.stdout)")
    }

    @Test("a connector row edited outside credvault is not changed")
    func tamperedRefused() throws {
        let (bench, _) = try makeBench()
        try bench.vault.sqlite("UPDATE connectors SET timeout_seconds = 999 WHERE name = 'c'")
        #expect(try bench.run(["connector", "change", "c", "--timeout", "9"]).status == 65)
    }

    @Test("moving a connector to another forest keeps both forests' connector counts (row MACs) right")
    func changeForest() throws {
        let (bench, _) = try makeBench()
        try bench.vault.set("fabrikam.com", password: "Change-Pw-2")
        let moved = try bench.run(["connector", "change", "c", "--forest", "fabrikam.com"])
        #expect(moved.status == 0, "\(moved)")
        // Each read compares the forests' counts with their connectors: a stale count is 65.
        for command in [["connector", "list"], ["connector", "show", "c"], ["push", "fabrikam.com"], ["audit", "verify"]] {
            let result = try bench.run(command)
            #expect(result.status == 0, "\(command): \(result)")
        }
        #expect(bench.keyValue("t.properties", "password") == "Change-Pw-2")
        #expect(try bench.run(["connector", "remove", "c"]).status == 0)
        #expect(try bench.run(["connector", "list"]).status == 0)
    }

    @Test("pause and resume hooks, role and DCs are changed, removed and audited like the other fields")
    func changeServiceFacts() throws {
        let (bench, _) = try makeBench()
        let pause = try bench.script("pause.sh", "exit 0")
        let resume = try bench.script("resume.sh", "exit 0")
        #expect(try bench.run(["connector", "change", "c", "--pause", pause]).status == 64, "a pause needs a resume")
        #expect(try bench.run(["connector", "change", "c", "--no-role", "--role", "x"]).status == 64)
        let changed = try bench.run(["connector", "change", "c", "--pause", pause, "--resume", resume, "--role", "active",
                                     "--dc", "ldaps://dc1.contoso.com", "--dc", "ldap://dc2.contoso.com:389"])
        #expect(changed.status == 0, "\(changed)")
        #expect(changed.stdout.contains("dcs, pause, resume, role"), "\(changed.stdout)")
        var shown = try bench.run(["connector", "show", "c", "--json"]).stdout
        #expect(shown.contains("pause.sh") && shown.contains("resume.sh"), "\(shown)")
        #expect(shown.contains("\"role\":\"active\"") && shown.contains("dc2.contoso.com:389"), "\(shown)")
        let event = try bench.vault.sqlite("SELECT detail FROM audit_events WHERE action = 'connector.change'").stdout
        #expect(event.contains("\"previous_role\":\"(none)\"") && event.contains("\"role\":\"active\""), "\(event)")
        #expect(try bench.run(["connector", "change", "c", "--pause", "/no/such/pause"]).status != 0, "checked as add checks it")
        #expect(try bench.run(["connector", "change", "c", "--dc", "http://dc1"]).status == 65)
        let removed = try bench.run(["connector", "change", "c", "--no-pause", "--no-role", "--no-dc"])
        #expect(removed.status == 0, "\(removed)")
        shown = try bench.run(["connector", "show", "c", "--json"]).stdout
        #expect(!shown.contains("pause.sh") && !shown.contains("active") && shown.contains("\"dcs\":[]"), "\(shown)")
        #expect(try bench.run(["audit", "verify"]).status == 0)
        #expect(try bench.run(["push", "contoso.com"]).status == 0)
    }

    @Test("a new --file keeps the connector's --follow-symlinks unless told otherwise")
    func followSymlinksKept() throws {
        let (bench, target) = try makeBench()
        let changed = try bench.run(["connector", "change", "c", "--follow-symlinks"])
        #expect(changed.status == 0, "\(changed)")
        #expect(changed.stdout.contains("follow_symlinks"), "\(changed.stdout)")
        let real = try bench.file("real.properties", "password=old\n")
        let link = bench.path("link.properties")
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: real)
        let moved = try bench.run(["connector", "change", "c", "--file", link])
        #expect(moved.status == 0, "\(moved)")
        #expect(try bench.run(["push", "contoso.com"]).status == 0)
        #expect(bench.keyValue("real.properties", "password") == "Change-Pw-1", "written through the link")
        let pinned = try bench.run(["connector", "change", "c", "--no-follow-symlinks", "--file", target])
        #expect(pinned.status == 0, "\(pinned)")
        #expect(pinned.stdout.contains("follow_symlinks"), "\(pinned.stdout)")
        #expect(try bench.run(["connector", "change", "c", "--exec", "/bin/cat", "--follow-symlinks"]).status == 64)
    }
}

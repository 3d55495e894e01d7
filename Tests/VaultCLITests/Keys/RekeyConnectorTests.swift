import Foundation
import Testing
import TestSupport

@Suite("Rekey with connectors")
struct RekeyConnectorTests {
    @Test("rekey re-MACs connector rows: pushes still work afterwards")
    func rekeyKeepsConnectorsUsable() throws {
        let bench = try ConnectorBench()
        try bench.vault.set("contoso.com", password: "Before-Rekey-1")
        let target = try bench.file("contoso.properties", "forest=contoso.com\npassword=old\n")
        try bench.addConnector(["contoso-sync", "--forest", "contoso.com", "--file", target,
                                "--format", "keyvalue", "--password-key", "password"])
        let rekeyed = try bench.run(["rekey"])
        #expect(rekeyed.status == 0, "\(rekeyed.stderr)")
        try bench.vault.set("contoso.com", password: "After-Rekey-2")
        let pushed = try bench.run(["push", "contoso.com"])
        #expect(pushed.status == 0, "\(pushed.stderr)")
        #expect(bench.keyValue("contoso.properties", "password") == "After-Rekey-2")
        #expect(try bench.run(["audit", "verify"]).status == 0)
    }

    @Test("rekey refuses a connector row edited in the database, and changes nothing")
    func rekeyRefusesTamperedConnector() throws {
        let bench = try ConnectorBench()
        try bench.vault.set("contoso.com", password: "Before-Rekey-1")
        let target = try bench.file("contoso.properties", "password=old\n")
        try bench.addConnector(["contoso-sync", "--forest", "contoso.com", "--file", target,
                                "--format", "keyvalue", "--password-key", "password"])
        try bench.vault.sqlite("UPDATE connectors SET timeout_seconds = 999 WHERE name = 'contoso-sync'")
        let generation = try bench.vault.sqlite("SELECT key_generation FROM vault_meta").stdout
        let rekeyed = try bench.run(["rekey"])
        #expect(rekeyed.status == 65)
        #expect(rekeyed.stderr.contains("contoso-sync"))
        #expect(try bench.vault.sqlite("SELECT key_generation FROM vault_meta").stdout == generation)
    }
}

@Suite("Rekey keeps connectors' state (issue 13)")
struct RekeyStateTests {
    @Test("a connector current before a rekey is current after it, nothing restarts, the count matches the event")
    func rekeyKeepsPushState() throws {
        let bench = try ConnectorBench()
        try bench.vault.set("contoso.com", password: "Before-Rekey-1")
        let target = try bench.file("contoso.properties", "password=old\n")
        let restart = try bench.script("restart.sh", "echo r >> \(bench.path("restarts"))")
        try bench.addConnector(["contoso-sync", "--forest", "contoso.com", "--file", target, "--format", "keyvalue",
                                "--password-key", "password", "--restart", restart, "--health", "/bin/true"])
        #expect(try bench.run(["push", "contoso.com"]).status == 0)
        let rekeyed = try bench.run(["rekey"])
        #expect(rekeyed.status == 0, "\(rekeyed.stderr)")
        let status = try bench.status("contoso-sync")
        #expect(status["target_state"] as? String == "current")
        #expect(status["restart_pending"] as? Bool == false, "\(status)")
        #expect(try bench.run(["status"]).status == 0)
        let push = try bench.run(["push", "--all"])
        #expect(push.status == 0, "\(push)")
        #expect(push.stdout.contains("left alone"), "\(push.stdout)")
        #expect(bench.read("restarts").split(separator: "\n").count == 1, "the push after a rekey restarted the service")
        // The line and the rekey event agree on how many events were re-MACed.
        let event = try bench.vault.sqlite("SELECT detail FROM audit_events WHERE action = 'rekey'").stdout
        let count = try #require(event.firstMatch(of: /"audit_events_remaced":"(\d+)"/)?.1)
        #expect(rekeyed.stdout.contains("\(count) audit events re-MACed"), "\(rekeyed.stdout) vs \(event)")
    }
}

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

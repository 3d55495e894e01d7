import Foundation
import Testing
import TestSupport

@Suite("History shows pushes")
struct HistoryPushesTests {
    @Test("history --json lists, per version, who set it, why, and each push with its outcome")
    func historyListsPushes() throws {
        let bench = try ConnectorBench()
        try bench.vault.set("contoso.com", password: "First-Version-1", extra: ["--reason", "CHG-1"])
        try bench.vault.set("contoso.com", password: "Second-Version-2", extra: ["--reason", "CHG-2"])
        let target = try bench.file("contoso.properties", "password=old\n")
        try bench.addConnector(["contoso-sync", "--forest", "contoso.com", "--file", target,
                                "--format", "keyvalue", "--password-key", "password"])
        #expect(try bench.run(["push", "contoso.com"]).status == 0)

        let result = try bench.run(["history", "contoso.com", "--json"])
        #expect(result.status == 0, "\(result.stderr)")
        let versions = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
        #expect(versions.count == 2)
        #expect(versions[0]["reason"] as? String == "CHG-1")
        #expect((versions[0]["pushes"] as? [Any])?.isEmpty == true)
        let pushes = try #require(versions[1]["pushes"] as? [[String: Any]])
        #expect(pushes.count == 1)
        #expect(pushes.first?["connector"] as? String == "contoso-sync")
        #expect(pushes.first?["state"] as? String == "healthy")
        #expect(versions[1]["actor"] as? String != nil)

        let table = try bench.run(["history", "contoso.com"])
        #expect(table.stdout.contains("contoso-sync healthy"))
    }
}

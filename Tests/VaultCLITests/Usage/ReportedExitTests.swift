import Foundation
import Testing
import TestSupport

@Suite("Exit codes after a report")
struct ReportedExitTests {
    @Test("a failed health check exits 4 with its own message and no usage line")
    func healthFailureIsNotAUsageError() throws {
        let bench = try ConnectorBench()
        try bench.vault.set("contoso.com", password: "Health-Fails-1")
        let target = try bench.file("contoso.properties", "password=old\n")
        let health = try bench.script("health.sh", "exit 1")
        try bench.addConnector(["contoso-sync", "--forest", "contoso.com", "--file", target, "--format", "keyvalue",
                                "--password-key", "password", "--restart", "/bin/true", "--health", health, "--timeout", "1"])
        let result = try bench.run(["push", "contoso.com"])
        #expect(result.status == 4)
        #expect(result.stderr.contains("health check"))
        #expect(!result.stderr.contains("usage"))
        #expect(!result.stderr.contains("--help"))
    }
}

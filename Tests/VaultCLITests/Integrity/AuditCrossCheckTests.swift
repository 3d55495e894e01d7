import Foundation
import Testing
import TestSupport

/// Issue 14, finding 1 (sets of rows): rows deleted together, so that every remaining MAC
/// still holds, are caught by `audit verify` holding the rows against the verified chain.
@Suite("audit verify holds the rows against the trail")
struct AuditCrossCheckTests {
    static let deletions = [
        "DELETE FROM connectors",
        "DELETE FROM pushes; DELETE FROM connectors; DELETE FROM secret_versions; DELETE FROM forests",
    ]

    @Test("Rows deleted consistently: audit verify exits 65 and names the row", arguments: deletions)
    func deletedRows(_ sql: String) throws {
        let bench = try TamperBench()
        try bench.edit(sql)
        try bench.expectRefused(["audit", "verify"], naming: "rows disagree", sql)
        let json = try bench.bench.run(["audit", "verify", "--json"])
        #expect(json.status == 65)
        #expect(json.stdout.contains("\"rows_disagree\""), "\(json.stdout)")
    }

    @Test("An intact vault's rows agree with its trail, also after connector remove")
    func agreeingRows() throws {
        let bench = try TamperBench()
        #expect(try bench.bench.run(["connector", "remove", "app"]).status == 0)
        let result = try bench.bench.run(["audit", "verify"])
        #expect(result.status == 0, "\(result)")
    }
}

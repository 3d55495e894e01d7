import Foundation
import Testing
import TestSupport

@Suite("audit --after-seq: a cursor for log shippers")
struct AuditCursorTests {
    static func seqs(_ result: ProcessResult) throws -> [Int] {
        try result.stdout.split(separator: "\n").map { try #require(JSON.object(String($0))["seq"] as? Int) }
    }

    /// A vault with events 1 (init), 2 (set contoso), 3 (set fabrikam), 4 (get contoso), 5 (set contoso).
    static func vault() throws -> VaultSandbox {
        let vault = try VaultSandbox()
        try vault.set("contoso.com", password: "Cursor-One-1!")
        try vault.set("fabrikam.com", password: "Cursor-Two-2!")
        try #require(try vault.run(["get", "contoso.com"]).status == 0)
        try vault.set("contoso.com", password: "Cursor-Three-3!")
        return vault
    }

    @Test("only events after N, in seq order, with --json and with other filters")
    func afterSeq() throws {
        let vault = try Self.vault()
        let all = try vault.run(["audit", "--after-seq", "0", "--json"])
        #expect(all.status == 0, "\(all.stderr)")
        #expect(try Self.seqs(all) == [1, 2, 3, 4, 5])

        #expect(try Self.seqs(vault.run(["audit", "--after-seq", "2", "--json"])) == [3, 4, 5])
        #expect(try Self.seqs(vault.run(["audit", "--after-seq", "2", "--json", "--forest", "contoso.com"])) == [4, 5])
        #expect(try Self.seqs(vault.run(["audit", "--after-seq", "1", "--json", "--action", "set"])) == [2, 3, 5])

        let atHead = try vault.run(["audit", "--after-seq", "5", "--json"])
        #expect(atHead.status == 0)
        #expect(atHead.stdout.isEmpty)

        // The table takes the cursor too.
        let table = try vault.run(["audit", "show", "--after-seq", "4"])
        #expect(table.status == 0, "\(table.stderr)")
        let rows = table.stdout.split(separator: "\n").dropFirst()
        #expect(rows.count == 1)
        #expect(rows.first?.hasPrefix("5 ") == true)
    }

    @Test("a shipper resuming from its cursor sees each event exactly once")
    func shipperLoop() throws {
        let vault = try VaultSandbox()
        var shipped: [Int] = []
        for round in 1...3 {
            try vault.set("contoso.com", password: "Round-\(round)-Pw!")
            let cursor = shipped.last ?? 0
            shipped += try Self.seqs(vault.run(["audit", "--after-seq", String(cursor), "--json"]))
        }
        #expect(shipped == [1, 2, 3, 4])
    }

    @Test("a negative N is a usage error", arguments: [["--after-seq=-1"], ["--after-seq", "-3"], ["--after-seq", "x"]])
    func negative(arguments: [String]) throws {
        let vault = try VaultSandbox()
        let result = try vault.run(["audit"] + arguments + ["--json"])
        #expect(result.status == 64, "\(result)")
        #expect(result.stdout.isEmpty)
    }

    @Test("audit --help documents the cursor with a shipper loop")
    func help() throws {
        let show = try CLI.run(["audit", "show", "--help"])
        #expect(show.status == 0)
        #expect(show.stdout.contains("--after-seq <N>"))
        #expect(show.stdout.contains("credvault audit --after-seq \"$(cat seq)\" --json"))
        let audit = try CLI.run(["audit", "--help"])
        #expect(audit.status == 0)
        #expect(audit.stdout.contains("credvault audit --after-seq 120 --json"))
    }
}

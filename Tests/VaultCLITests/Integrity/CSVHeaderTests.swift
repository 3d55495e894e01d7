import Foundation
import Testing
import TestSupport

/// Issue 14, finding 8 (second half): a CSV import with swapped columns must not store a
/// password as a forest name. A header row names the columns (any order); without one, every
/// forest must already be in the vault unless --new-forests.
@Suite("CSV import columns")
struct CSVHeaderTests {
    private func importCSV(_ vault: VaultSandbox, _ text: String, _ extra: [String] = []) throws -> ProcessResult {
        try vault.run(["import", "--format", "csv"] + extra, stdin: text)
    }

    @Test("Swapped columns without a header: a DNS-shaped password is refused as a forest, not echoed, nothing stored")
    func swappedWithoutHeader() throws {
        let vault = try VaultSandbox()
        try vault.set("f.example", password: "Known-Pw-1")
        let before = try vault.dump()
        let result = try importCSV(vault, "f.example,svc,Csv-Pw-2\nsecret-pw.example,svc,g.example\n")
        #expect(result.status == 65, "\(result)")
        #expect(result.stderrLines.count == 1, "\(result.stderr)")
        #expect(result.stderr.contains("import line 2"), "\(result.stderr)")
        #expect(result.stderr.contains("header"), "\(result.stderr)")
        #expect(!result.stderr.contains("secret-pw"), "the value was echoed: \(result.stderr)")
        #expect(try vault.dump() == before, "the vault changed")
    }

    @Test("Without a header, known forests import; new ones need --new-forests")
    func headerlessKnownAndNew() throws {
        let vault = try VaultSandbox()
        try vault.set("f.example", password: "Known-Pw-1")
        #expect(try importCSV(vault, "f.example,svc,Csv-Pw-2\n").status == 0)
        let get = try vault.run(["get", "f.example"])
        #expect(get.stdout == "Csv-Pw-2\n", "\(get)")
        #expect(try importCSV(vault, "g.example,svc,Csv-Pw-3\n").status == 65)
        let allowed = try importCSV(vault, "g.example,svc,Csv-Pw-3\n", ["--new-forests"])
        #expect(allowed.status == 0, "\(allowed)")
        #expect(try vault.run(["get", "g.example"]).stdout == "Csv-Pw-3\n")
    }

    @Test("A header names the columns in any order; new forests need no flag")
    func headerInAnyOrder() throws {
        let vault = try VaultSandbox()
        let result = try importCSV(vault, " Password ,ACCOUNT,forest\r\nCsv-Pw-4,svc-h,h.example\r\n")
        #expect(result.status == 0, "\(result)")
        #expect(try vault.run(["get", "h.example"]).stdout == "Csv-Pw-4\n")
        let list = try vault.run(["list"])
        #expect(list.stdout.contains("svc-h"), "\(list.stdout)")
        #expect(!list.stdout.contains("Csv-Pw-4"), "\(list.stdout)")
    }
}

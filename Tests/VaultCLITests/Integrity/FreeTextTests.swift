import Foundation
import Testing
import TestSupport

/// Issue 14, finding 8 (first half): free text refuses control characters, tables escape them.
@Suite("Free text holds no control characters")
struct FreeTextTests {
    @Test("--reason with a control character is refused with 65 and one line; nothing stored",
          arguments: ["CHG-1\nv9  2026-01-01  forged", "tab\there", "esc\u{1b}[31mred", "nel\u{85}x"])
    func reasonWithControlCharacterIsRefused(reason: String) throws {
        let vault = try VaultSandbox()
        try vault.set("f.example", password: "Reason-Pw-1")
        let before = try vault.dump()
        let set = try vault.run(["set", "f.example", "--account", "svc", "--stdin", "--reason", reason], stdin: "Reason-Pw-2\n")
        #expect(set.status == 65, "\(set)")
        #expect(set.stderrLines.count == 1)
        #expect(set.stderr.contains("reason contains a control character"))
        let rollback = try vault.run(["rollback", "f.example", "--to", "1", "--reason", reason])
        #expect(rollback.status == 65, "\(rollback)")
        #expect(rollback.stderrLines.count == 1)
        #expect(try vault.dump() == before, "the vault changed")
    }

    @Test("A reason with a line break planted with sqlite3 prints escaped, on one line, in history and audit")
    func plantedNewlineIsEscaped() throws {
        let vault = try VaultSandbox()
        try vault.set("f.example", password: "Reason-Pw-3", extra: ["--reason", "CHG-7"])
        let forged = "CHG-7\n2  2026-01-01T00:00:00Z  mallory  set  0123456789ab  approved"
        try vault.sqlite("UPDATE secret_versions SET reason = '\(forged)' WHERE version = 1")
        try vault.sqlite("UPDATE audit_events SET reason = '\(forged)' WHERE action = 'set'")
        // Row MACs refuse such an edit now; the one way left for such a reason to be in a vault is
        // an old one (before the control-character check and before row MACs), sealed as it was.
        try LegacyVault.downgrade(vault)
        let history = try vault.run(["history", "f.example"])
        #expect(history.stdout.split(separator: "\n").count == 2, "history printed a forged row:\n\(history.stdout)")
        #expect(history.stdout.contains("CHG-7\\n2"), "\(history.stdout)")
        #expect(!history.stdout.split(separator: "\n").contains { $0.hasPrefix("2  ") }, "\(history.stdout)")
        let audit = try vault.run(["audit"])
        #expect(!audit.stdout.contains("\nmallory") && !audit.stdout.contains("\n2  2026"), "\(audit.stdout)")
        #expect(audit.stdout.contains("CHG-7\\n2"), "\(audit.stdout)")
    }

    @Test("A keyfile path with a control character (a slot's label) is refused with 65")
    func labelWithControlCharacterIsRefused() throws {
        let vault = try VaultSandbox()
        let path = vault.path("key\nfile")
        let result = try vault.run(["keyfile", "add", "--out", path])
        #expect(result.status == 65, "\(result)")
        #expect(result.stderrLines.count == 1)
        #expect(!FileManager.default.fileExists(atPath: path))
    }
}

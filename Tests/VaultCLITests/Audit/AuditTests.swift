import Foundation
import Testing
import TestSupport

@Suite("audit trail (black box)")
struct AuditTests {
    /// The `action` of each line of `audit --json`, checking every line parses as a JSON object.
    static func actions(_ vault: VaultSandbox) throws -> [String] {
        let result = try vault.run(["audit", "--json"])
        #expect(result.status == 0, "audit --json: \(result.stderr)")
        return try result.stdout.split(separator: "\n").map { line in
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            return try #require(object["action"] as? String)
        }
    }

    /// Swaps every column but seq between two events (the rows trade places in the chain).
    static let columns = "time,actor,uid,host,pid,action,forest,version,connector,outcome,fingerprint,reason,detail,mac"
    static func swapSQL(_ a: Int, _ b: Int) -> String {
        """
        CREATE TEMP TABLE pair AS SELECT * FROM audit_events WHERE seq IN (\(a),\(b));
        UPDATE audit_events SET (\(columns)) = (SELECT \(columns) FROM pair
            WHERE pair.seq = (CASE audit_events.seq WHEN \(a) THEN \(b) ELSE \(a) END))
        WHERE seq IN (\(a),\(b));
        """
    }

    /// A vault with `count` events: init plus `count - 1` sets.
    static func vaultWithEvents(_ count: Int) throws -> VaultSandbox {
        let vault = try VaultSandbox()
        for index in 1..<count {
            try vault.set(index % 2 == 0 ? "contoso.com" : "fabrikam.com", password: "Chain-Pw-\(index)-x")
        }
        return vault
    }

    @Test("AC1: 20 operations give exactly the expected actions, every line parses, no password appears")
    func scriptedRun() throws {
        let vault = try VaultSandbox()                                                  // 1 init
        var expected = ["init"]
        var passwords = ["Ac1-Contoso-One!", "Ac1-Fabrikam-One!", "Ac1-Contoso-Two!", "Ac1-Import-A!", "Ac1-Import-B!", "Ac1-Northwind!"]
        try vault.set("contoso.com", password: passwords[0]); expected.append("set")   // 2
        try vault.set("fabrikam.com", password: passwords[1]); expected.append("set")  // 3
        try vault.set("contoso.com", password: passwords[2]); expected.append("set")   // 4
        #expect(try vault.run(["get", "contoso.com"]).status == 0); expected.append("get")                 // 5
        #expect(try vault.run(["get", "contoso.com", "--version", "1"]).status == 0); expected.append("get") // 6
        let generated = try vault.run(["set", "contoso.com", "--account", "svc-sync", "--generate"])         // 7
        #expect(generated.status == 0, "\(generated.stderr)"); expected.append("generate")
        let shown = try vault.run(["get", "contoso.com"])                                                    // 8
        #expect(shown.status == 0); expected.append("get")
        passwords.append(shown.stdout.trimmingCharacters(in: .newlines))
        #expect(try vault.run(["rollback", "contoso.com", "--to", "1"]).status == 0); expected.append("rollback") // 9
        let imported = try vault.run(["import", "--format", "jsonl"], stdin: """
            {"forest":"tailspin.com","account":"svc-a","password":"\(passwords[3])"}
            {"forest":"wingtip.com","account":"svc-b","password":"\(passwords[4])"}
            """)                                                                                            // 10
        #expect(imported.status == 0, "\(imported.stderr)"); expected += ["import", "import"]
        #expect(try vault.run(["history", "contoso.com"]).status == 0)                                       // 11 (read)
        #expect(try vault.run(["list"]).status == 0)                                                         // 12 (read)
        #expect(try vault.run(["get", "fabrikam.com", "--json"]).status == 0); expected.append("get")      // 13
        let refused = try vault.run(["set", "not a forest", "--account", "x", "--stdin"], stdin: "Refused-Pw-1\n") // 14
        #expect(refused.status == 65)
        #expect(try vault.run(["get", "unknown.example"]).status == 66)                                     // 15
        let extraKey = vault.folder.appendingPathComponent("second.key").path
        #expect(try vault.run(["keyfile", "add", "--out", extraKey]).status == 0); expected.append("keyslot.add") // 16
        let backup = vault.folder.appendingPathComponent("backup.db").path
        #expect(try vault.run(["backup", backup]).status == 0); expected.append("backup")                  // 17
        try vault.set("northwind.com", password: passwords[5], extra: ["--reason", "CHG-42"]); expected.append("set") // 18
        #expect(try vault.run(["audit", "verify"]).status == 0)                                              // 19 (read)
        #expect(try vault.run(["rollback", "fabrikam.com", "--to", "1"]).status == 0); expected.append("rollback") // 20

        let result = try vault.run(["audit", "--json"])
        #expect(result.status == 0)
        let lines = result.stdout.split(separator: "\n")
        #expect(try AuditTests.actions(vault) == expected)
        for line in lines {
            for password in passwords { #expect(!line.contains(password), "an audit line holds a password") }
            #expect(!line.contains("Refused-Pw-1"))
        }
        // The seq numbers run 1...n without a gap, and the reason is kept.
        let objects = try lines.map { try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]) }
        #expect(objects.compactMap { $0["seq"] as? Int } == Array(1...expected.count))
        #expect(objects.contains { $0["reason"] as? String == "CHG-42" && $0["forest"] as? String == "northwind.com" })
        // Every documented field is present on every line.
        let fields: Set = ["seq", "time", "actor", "uid", "host", "pid", "action", "forest", "version", "connector",
                           "outcome", "fingerprint", "reason", "detail", "mac"]
        #expect(objects.allSatisfy { Set($0.keys) == fields })
    }

    @Test("filters: --forest, --action (and families), --since/--until")
    func filters() throws {
        let vault = try VaultSandbox()
        try vault.set("contoso.com", password: "Filter-Pw-1!")
        try vault.set("fabrikam.com", password: "Filter-Pw-2!")
        #expect(try vault.run(["get", "contoso.com"]).status == 0)
        let forest = try vault.run(["audit", "--forest", "CONTOSO.com", "--json"])
        #expect(forest.stdout.split(separator: "\n").count == 2)
        let gets = try vault.run(["audit", "show", "--action", "get", "--json"])
        #expect(gets.stdout.split(separator: "\n").count == 1)
        #expect(try vault.run(["audit", "--action", "push", "--json"]).stdout.isEmpty)
        #expect(try vault.run(["audit", "--since", "2000-01-01", "--until", "2999-12-31", "--json"]).stdout
            .split(separator: "\n").count == 4)
        #expect(try vault.run(["audit", "--until", "2000-01-01", "--json"]).stdout.isEmpty)
        #expect(try vault.run(["audit", "--since", "yesterday"]).status == 64, "issue 13: a bad option value is a usage error")
        #expect(try vault.run(["audit", "--action", "nonsense"]).status == 64)
        let table = try vault.run(["audit"])
        #expect(table.status == 0)
        #expect(table.stdout.hasPrefix("SEQ"))
    }

    @Test("a row edited to hold terminal escapes is shown escaped, and fails verify")
    func escapesInTable() throws {
        let vault = try VaultSandbox()
        try #require(try vault.sqlite("UPDATE audit_events SET actor = 'x' || char(27) || '[2J' WHERE seq = 1").status == 0)
        let table = try vault.run(["audit"])
        #expect(table.status == 0)
        #expect(!table.stdout.contains("\u{1B}"))
        let json = try vault.run(["audit", "--json"])
        #expect(!json.stdout.contains("\u{1B}"))
        #expect(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) is [String: Any])
        #expect(try vault.run(["audit", "verify"]).status == 65)
    }

    @Test("AC2: an edited field in a middle event fails verify with 65 and names the seq")
    func editedEvent() throws {
        let vault = try AuditTests.vaultWithEvents(9)
        #expect(try vault.run(["audit", "verify"]).status == 0)
        try #require(try vault.sqlite("UPDATE audit_events SET actor = 'mallory' WHERE seq = 5").status == 0)
        let result = try vault.run(["audit", "verify"])
        #expect(result.status == 65)
        #expect(result.stderr.contains("seq 5"))
        #expect(result.stderr.contains("edited"))
        #expect(result.stderrLines.count == 1)
    }

    @Test("verify --json and checkpoint --json: one object a monitoring check can read, the same exit codes")
    func verifyAndCheckpointJSON() throws {
        let vault = try AuditTests.vaultWithEvents(6)
        let checkpoint = try vault.run(["audit", "checkpoint", "--json"])
        #expect(checkpoint.status == 0)
        let head = try JSON.object(checkpoint.stdout)
        #expect(head["seq"] as? Int == 6)
        #expect((head["mac"] as? String)?.count == 64)
        let line = try #require(head["line"] as? String)
        #expect(line == (try vault.run(["audit", "checkpoint"])).stdout.trimmingCharacters(in: .newlines))

        let intact = try vault.run(["audit", "verify", "--json", "--checkpoint", line])
        #expect(intact.status == 0 && intact.stderr.isEmpty, "\(intact)")
        let good = try JSON.object(intact.stdout)
        #expect(good["intact"] as? Bool == true)
        #expect(good["events"] as? Int == 6)
        #expect(good["checkpoint_seq"] as? Int == 6)
        #expect((good["head"] as? [String: Any])?["line"] as? String == line)
        #expect(good["problem"] == nil)

        try #require(try vault.sqlite("UPDATE audit_events SET actor = 'mallory' WHERE seq = 4").status == 0)
        let broken = try vault.run(["audit", "verify", "--json"])
        #expect(broken.status == 65)
        #expect(broken.stderrLines.count == 1 && broken.stderr.contains("seq 4"))
        let bad = try JSON.object(broken.stdout)
        #expect(bad["intact"] as? Bool == false)
        #expect(bad["problem"] as? String == "edited")
        #expect(bad["seq"] as? Int == 4)
        #expect(bad["events"] as? Int == 3)
        #expect((bad["message"] as? String)?.contains("seq 4") == true)
    }

    @Test("AC2: a deleted middle event fails verify with 65 and names the seq")
    func deletedEvent() throws {
        let vault = try AuditTests.vaultWithEvents(9)
        try #require(try vault.sqlite("DELETE FROM audit_events WHERE seq = 5").status == 0)
        let result = try vault.run(["audit", "verify"])
        #expect(result.status == 65)
        #expect(result.stderr.contains("seq 5"))
        #expect(result.stderr.contains("missing"))
    }

    @Test("AC2: two swapped events fail verify with 65 and name the seq", arguments: [(3, 7), (4, 5)])
    func swappedEvents(pair: (Int, Int)) throws {
        let vault = try AuditTests.vaultWithEvents(9)
        try #require(try vault.sqlite(AuditTests.swapSQL(pair.0, pair.1)).status == 0)
        let result = try vault.run(["audit", "verify"])
        #expect(result.status == 65)
        #expect(result.stderr.contains("seq \(pair.0)"))
        #expect(result.stderr.contains("out of order"))
        #expect(result.stderr.contains("belongs at seq \(pair.1)"))
    }

    @Test("AC3: events cut from the end fail plain verify (head anchor) and against an earlier checkpoint")
    func truncatedAgainstCheckpoint() throws {
        let vault = try AuditTests.vaultWithEvents(8)
        let checkpoint = try vault.run(["audit", "checkpoint"])
        #expect(checkpoint.status == 0)
        let line = checkpoint.stdout.trimmingCharacters(in: .newlines)
        #expect(line.hasPrefix("credvault-checkpoint v1 seq=8 mac="))
        #expect(try vault.run(["audit", "verify", "--checkpoint", line]).status == 0)
        try vault.set("contoso.com", password: "After-Checkpoint-1!")
        #expect(try vault.run(["audit", "verify", "--checkpoint", line]).status == 0)

        try #require(try vault.sqlite("DELETE FROM audit_events WHERE seq >= 7").status == 0)
        // Plain verify sees the cut through the vault's head anchor (issue 14) ...
        let plain = try vault.run(["audit", "verify"])
        #expect(plain.status == 65)
        #expect(plain.stderr.contains("truncated"))
        #expect(plain.stderr.contains("ends at seq 6"))
        #expect(plain.stderr.contains("anchor is at seq 9"))
        // ... and so does the checkpoint.
        let checked = try vault.run(["audit", "verify", "--checkpoint", line])
        #expect(checked.status == 65)
        #expect(checked.stderr.contains("truncated"))
        #expect(checked.stderr.contains("seq 8"))
    }

    @Test("AC3: a vault rolled back to an older copy and written again fails against the checkpoint")
    func rolledBackCopy() throws {
        let vault = try AuditTests.vaultWithEvents(4)
        let old = vault.folder.appendingPathComponent("old-copy.db").path
        #expect(try vault.run(["backup", old]).status == 0)      // seq 5 (backup) is not in the copy
        try vault.set("contoso.com", password: "Newer-Pw-1!")    // seq 6
        let line = try vault.run(["audit", "checkpoint"]).stdout.trimmingCharacters(in: .newlines)
        // Put the old copy in place and write one more event: the chain reaches seq 6 again,
        // with another MAC.
        try FileManager.default.removeItem(atPath: vault.vaultPath)
        try FileManager.default.copyItem(atPath: old, toPath: vault.vaultPath)
        try vault.set("contoso.com", password: "Rewritten-Pw-1!")
        try vault.set("contoso.com", password: "Rewritten-Pw-2!")
        #expect(try vault.run(["audit", "verify"]).status == 0)
        let result = try vault.run(["audit", "verify", "--checkpoint", line])
        #expect(result.status == 65)
        #expect(result.stderr.contains("checkpoint at seq 6"))
        #expect(try vault.run(["audit", "verify", "--checkpoint", "not a checkpoint"]).status == 64)
    }

    @Test("AC4: get is recorded with actor and fingerprint; refused operations write no event")
    func getAndRefusals() throws {
        let vault = try VaultSandbox()
        let set = try vault.set("contoso.com", password: "Get-Audit-Pw-1!")
        let history = try vault.run(["history", "contoso.com", "--json"])
        let versions = try #require(try JSONSerialization.jsonObject(with: Data(history.stdout.utf8)) as? [[String: Any]])
        let fingerprint = try #require(versions.first?["fingerprint"] as? String)
        #expect(set.stdout.contains(fingerprint))
        #expect(try vault.run(["get", "contoso.com"]).status == 0)
        let result = try vault.run(["audit", "--action", "get", "--json"])
        let event = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(event["fingerprint"] as? String == fingerprint)
        #expect(event["forest"] as? String == "contoso.com")
        #expect(event["version"] as? Int == 1)
        #expect((event["actor"] as? String).map { !$0.isEmpty } == true)
        #expect(event["uid"] as? Int == Int(getuid()))
        #expect(event["pid"] is Int)
        #expect(event["host"] is String)

        let before = try AuditTests.actions(vault)
        #expect(try vault.run(["set", "bad_forest!", "--account", "x", "--stdin"], stdin: "Refused-1!\n").status == 65)
        #expect(try vault.run(["set", "contoso.com", "--account", "x", "--stdin"], stdin: "\n").status == 65)
        #expect(try vault.run(["get", "unknown.example"]).status == 66)
        #expect(try vault.run(["get", "contoso.com", "--version", "9"]).status == 66)
        #expect(try vault.run(["rollback", "contoso.com", "--to", "7"]).status == 66)
        #expect(try vault.run(["set", "contoso.com", "--account", "x", "--stdin", "--expect-version", "5"], stdin: "Refused-2!\n").status == 75)
        #expect(try vault.run(["keyfile", "remove", "0000000000000000"]).status == 66)
        #expect(try AuditTests.actions(vault) == before)
    }

    @Test("AC5: a change whose audit event cannot be written fails and leaves the vault as it was")
    func auditWriteFailure() throws {
        let vault = try VaultSandbox()
        try vault.set("contoso.com", password: "Before-Block-1!")
        let dump = "SELECT forest, version, hex(ciphertext), fingerprint FROM secret_versions ORDER BY forest, version; "
            + "SELECT * FROM forests ORDER BY name; SELECT id FROM key_slots ORDER BY id; SELECT seq, hex(mac) FROM audit_events ORDER BY seq;"
        try #require(try vault.sqlite(
            "CREATE TRIGGER block_audit BEFORE INSERT ON audit_events BEGIN SELECT RAISE(ABORT, 'audit blocked'); END;").status == 0)
        let state = try vault.sqlite(dump).stdout

        let set = try vault.run(["set", "contoso.com", "--account", "svc-sync", "--stdin"], stdin: "Blocked-Pw-1!\n")
        #expect(set.status != 0)
        #expect(set.stderrLines.count == 1)
        #expect(try vault.run(["set", "newforest.com", "--account", "svc", "--generate"]).status != 0)
        #expect(try vault.run(["rollback", "contoso.com", "--to", "1"]).status != 0)
        let get = try vault.run(["get", "contoso.com"])
        #expect(get.status != 0)
        #expect(!get.stdout.contains("Before-Block-1!"))
        let key = vault.folder.appendingPathComponent("blocked.key").path
        #expect(try vault.run(["keyfile", "add", "--out", key]).status != 0)
        #expect(!FileManager.default.fileExists(atPath: key))
        let copy = vault.folder.appendingPathComponent("blocked-copy.db").path
        #expect(try vault.run(["backup", copy]).status != 0)
        #expect(!FileManager.default.fileExists(atPath: copy))

        #expect(try vault.sqlite(dump).stdout == state)
        let all = try vault.allVaultBytes()
        #expect(all.range(of: Data("Blocked-Pw-1!".utf8)) == nil)
        try #require(try vault.sqlite("DROP TRIGGER block_audit;").status == 0)
        #expect(try vault.run(["audit", "verify"]).status == 0)
        #expect(try vault.run(["get", "contoso.com"]).stdout == "Before-Block-1!\n")
    }
}

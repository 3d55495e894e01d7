import Foundation
import GRDB
import Testing
import TestSupport
@testable import CredVault

@Suite("audit chain (library)")
struct AuditChainTests {
    @Test("rows re-encode to exactly the canonical bytes the MAC was made over")
    func canonicalFromRowsMatchesEvent() throws {
        let lib = try LibraryVault()
        try lib.appendEvents(12, reason: "tickét ✓ 42")
        var compared = 0
        try lib.vault.database.read { tx in
            try tx.forEachAuditRow { row in
                var encoder = CanonicalEncoder()
                row.appendCanonical(seq: row.seq, to: &encoder)
                let event = row.event
                #expect(encoder.bytes == event.canonicalBytes)
                let stored = try AuditEvent.fetchOne(tx.db, key: event.seq)
                #expect(stored == event)
                compared += 1
                return true
            }
        }
        #expect(compared == 13)
    }

    @Test("an intact chain verifies; its head is the last event")
    func intact() throws {
        let lib = try LibraryVault()
        try lib.appendEvents(50)
        let result = try lib.vault.verifyAudit()
        #expect(result.problem == nil)
        #expect(result.count == 51)
        #expect(result.head?.seq == 51)
        let last = try lib.vault.auditEvents().last
        #expect(result.head?.mac == last?.mac)
    }

    @Test("tampering is named at the first bad seq", arguments: [
        ("UPDATE audit_events SET host = 'elsewhere' WHERE seq = 20", AuditProblem.edited(seq: 20)),
        ("UPDATE audit_events SET detail = NULL WHERE seq = 18", AuditProblem.edited(seq: 18)),
        ("UPDATE audit_events SET version = 99 WHERE seq = 3", AuditProblem.edited(seq: 3)),
        ("DELETE FROM audit_events WHERE seq IN (10, 11, 12)", AuditProblem.missing(from: 10, to: 12)),
        ("DELETE FROM audit_events WHERE seq = 1", AuditProblem.missing(from: 1, to: 1)),
        ("UPDATE audit_events SET seq = seq + 1000 WHERE seq = 30", AuditProblem.missing(from: 30, to: 30)),
    ])
    func tampered(sql: String, expected: AuditProblem) throws {
        let lib = try LibraryVault()
        try lib.appendEvents(40)
        try lib.execute(sql)
        let result = try lib.vault.verifyAudit()
        #expect(result.problem == expected)
        #expect(result.problem?.description.contains("seq \(expected.seq!)") == true)
    }

    @Test("swapped rows are reported out of order with their real position", arguments: [(5, 25), (8, 9), (1, 2)])
    func swapped(pair: (Int, Int)) throws {
        let lib = try LibraryVault()
        try lib.appendEvents(30)
        let columns = "time,actor,uid,host,pid,action,forest,version,connector,outcome,fingerprint,reason,detail,mac"
        try lib.execute("""
            CREATE TEMP TABLE pair AS SELECT * FROM audit_events WHERE seq IN (\(pair.0),\(pair.1));
            UPDATE audit_events SET (\(columns)) = (SELECT \(columns) FROM pair
                WHERE pair.seq = (CASE audit_events.seq WHEN \(pair.0) THEN \(pair.1) ELSE \(pair.0) END))
            WHERE seq IN (\(pair.0),\(pair.1));
            DROP TABLE pair;
            """)
        let result = try lib.vault.verifyAudit()
        #expect(result.problem == .outOfOrder(seq: Int64(pair.0), belongsAt: Int64(pair.1)))
    }

    @Test("a checkpoint catches truncation and replacement; plain verify does not see truncation")
    func checkpoints() throws {
        let lib = try LibraryVault()
        try lib.appendEvents(20)
        let checkpoint = try lib.vault.auditCheckpoint()
        #expect(checkpoint.seq == 21)
        #expect(try AuditCheckpoint(line: checkpoint.description) == checkpoint)
        #expect(try AuditCheckpoint(line: "  \(checkpoint.description)\n") == checkpoint)
        try lib.appendEvents(5)
        #expect(try lib.vault.verifyAudit(checkpoint: checkpoint).problem == nil)

        try lib.execute("DELETE FROM audit_events WHERE seq > 18")
        // Plain verify sees the cut through the head anchor (seq 26); the checkpoint names its own seq.
        #expect(try lib.vault.verifyAudit().problem == .cutAtEnd(anchoredSeq: 26, lastSeq: 18))
        #expect(try lib.vault.verifyAudit(checkpoint: checkpoint).problem == .truncated(head: 18, checkpointSeq: 21))

        // Written again up to and past the checkpoint's seq: another MAC at seq 21.
        try lib.appendEvents(6)
        #expect(try lib.vault.verifyAudit().problem == .cutAtEnd(anchoredSeq: 26, lastSeq: 24))
        #expect(try lib.vault.verifyAudit(checkpoint: checkpoint).problem == .checkpointMismatch(seq: 21, rekeyedAt: nil))
    }

    @Test("rekey re-MACs the chain: the head just before it still verifies, older checkpoints name the rekey")
    func checkpointsAcrossRekey() throws {
        let lib = try LibraryVault()
        try lib.appendEvents(5)
        let older = try lib.vault.auditCheckpoint()
        try lib.appendEvents(3)
        let head = try lib.vault.auditCheckpoint()
        let credential = try UnlockCredential.keyfile(at: lib.sandbox.keyfilePath)
        let report = try lib.vault.rekey(credential: credential)
        #expect(report.keyGeneration == 2)
        #expect(report.checkpoint.seq == head.seq + 1)
        let reopened = try Vault.open(at: lib.vault.path, credential: credential)
        #expect(try reopened.verifyAudit().problem == nil)
        #expect(try reopened.verifyAudit(checkpoint: report.checkpoint).problem == nil)
        #expect(try reopened.verifyAudit(checkpoint: head).problem == nil)
        #expect(try reopened.verifyAudit(checkpoint: older).problem == .checkpointMismatch(seq: older.seq, rekeyedAt: head.seq + 1))
        // The retired key no longer verifies anything.
        #expect(try lib.vault.verifyAudit().problem == .edited(seq: 1))
    }

    @Test("malformed checkpoint lines are usage errors", arguments: [
        "", "credvault-checkpoint v1 seq=3", "credvault-checkpoint v2 seq=3 mac=" + String(repeating: "0", count: 64),
        "credvault-checkpoint v1 seq=0 mac=" + String(repeating: "0", count: 64),
        "credvault-checkpoint v1 seq=3 mac=abcd", "credvault-checkpoint v1 seq=x mac=" + String(repeating: "0", count: 64),
    ])
    func badCheckpointLines(line: String) {
        #expect(throws: CredVaultError.self) { try AuditCheckpoint(line: line) }
    }

    @Test("query filters combine; a date in until covers the whole day")
    func query() throws {
        let lib = try LibraryVault()
        try lib.appendEvents(9)
        let all = try lib.vault.auditEvents()
        #expect(all.count == 10)
        #expect(try lib.vault.auditEvents(matching: AuditQuery(forest: "Contoso.COM", action: nil, since: nil, until: nil))
            .allSatisfy { $0.forest == "contoso.com" })
        #expect(try lib.vault.auditEvents(matching: AuditQuery(forest: nil, action: "get", since: nil, until: nil)).count == 3)
        let today = String(all[0].time.prefix(10))
        #expect(try lib.vault.auditEvents(matching: AuditQuery(forest: nil, action: nil, since: today, until: today)).count == 10)
        #expect(try AuditQuery.bound("2026-11-25", endOfDay: true, bound: .until) == "2026-11-25T23:59:59.999Z")
        #expect(try AuditQuery.bound("2026-11-25T14:00:00+01:00", endOfDay: true, bound: .until) == "2026-11-25T13:00:00.000Z")
        #expect(throws: CredVaultError.reversedTimeRange(since: "2026-12-01", until: "2026-11-01")) {
            try AuditQuery(forest: nil, action: nil, since: "2026-12-01", until: "2026-11-01")
        }
    }

    @Test("JSON lines parse, carry every field, and keep detail as an object")
    func jsonLines() throws {
        let lib = try LibraryVault()
        try lib.appendEvents(4, reason: "why \"quoted\"\n")
        for event in try lib.vault.auditEvents() {
            let object = try #require(try JSONSerialization.jsonObject(with: Data(event.jsonLine.utf8)) as? [String: Any])
            #expect(object.count == 15)
            #expect(object["seq"] as? Int == Int(event.seq))
            #expect(object["mac"] as? String == Hex.encode(event.mac))
            if let detail = event.detail {
                let fields = try #require(object["detail"] as? [String: String])
                #expect(AuditLog.encodeDetail(fields) == detail)
            }
        }
    }

    /// Not a timing assertion: makes a million-event vault for `bench/` and manual release-build
    /// timing of `credvault audit verify`. Runs only when CREDVAULT_AUDIT_MILLION_DIR is set.
    @Test("million-event vault for benchmarking", .enabled(if: ProcessInfo.processInfo.environment["CREDVAULT_AUDIT_MILLION_DIR"] != nil))
    func millionEvents() throws {
        let folder = try #require(ProcessInfo.processInfo.environment["CREDVAULT_AUDIT_MILLION_DIR"])
        let vault = try Vault.create(
            at: folder + "/vault.db", passphrase: nil, keyfileOut: folder + "/vault.key", kdf: .interactive)
        for _ in 0..<100 {
            try vault.database.writeTransaction { tx in
                for index in 0..<10_000 {
                    try vault.audit.append(AuditEventDraft(
                        action: .get, forest: "contoso.com", version: index % 50 + 1,
                        fingerprint: Fingerprint(hex: "0123456789abcdef0123456789abcdef")), in: tx)
                }
            }
        }
        #expect(try vault.verifyAudit().count == 1_000_001)
    }
}

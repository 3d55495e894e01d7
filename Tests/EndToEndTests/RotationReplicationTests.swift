import Foundation
import Testing
import TestSupport

/// `credvault rotate` against two OpenLDAP servers that really replicate (syncrepl, refreshed
/// every 3 s): the change is made on the provider, and the rotation waits until the consumer,
/// the second "DC", accepts the new password before it commits, reporting how long it took.
@Suite("E2E: rotate under replication lag", .timeLimit(.minutes(3)))
struct RotationReplicationTests {
    @Test("rotate changes the provider, waits for the consumer, reports its time, then commits")
    func rotateWaitsForReplica() throws {
        let scratch = try VaultSandbox("e2e-rotate-syncrepl", initialize: false)
        defer { scratch.assertNothingLeftRunning() }
        let directory = try ReplicatedDirectory.start(in: scratch.folder, tls: true)
        defer { directory.stop() }
        var cv = try CredVaultCLI(sandbox: scratch)
        let old = try directory.initialPassword()
        let forest = ReplicatedDirectory.forest
        #expect(try cv.run(["set", forest, "--account", ReplicatedDirectory.accountDN, "--stdin"], stdin: old + "\n").status == 0)
        let set = try cv.run(["directory", "set", forest, "--kind", "openldap", "--ca-file", directory.caFile]
                             + directory.uris.flatMap { ["--url", String($0.dropLast())] })
        #expect(set.status == 0, "\(set)")

        let rotated = try cv.run(["rotate", forest, "--replication-timeout", "60", "--json"])
        #expect(rotated.status == 0, "\(rotated)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(rotated.stdout.utf8)) as? [String: Any])
        let replicas = try #require(report["replicas"] as? [[String: Any]])
        #expect(replicas.count == 1)
        #expect(replicas.first?["accepted"] as? Bool == true)
        #expect((replicas.first?["seconds"] as? Double ?? -1) >= 0)

        let new = try #require(try cv.run(["get", forest, "--no-newline"]).stdout.nilIfEmpty)
        #expect(new != old)
        for replica in ReplicatedDirectory.Replica.allCases {
            #expect(try directory.canBind(replica, password: new), "\(replica) accepts the committed password")
            #expect(try !directory.canBind(replica, password: old), "\(replica) refuses the old one")
        }
        let events = try cv.auditEvents().compactMap { $0["action"] as? String }
        #expect(isSubsequence(["rotate.pending", "rotate.changed", "rotate.verified", "rotate.replicated", "rotate.committed"],
                              of: events), "\(events)")
        // No output but get's own shows a password.
        let leaked = cv.transcript.filter { $0.stdout != new }.contains { result in
            [old, new].contains { result.stdout.contains($0) || result.stderr.contains($0) }
        }
        #expect(!leaked)
    }
}

private extension String {
    var nilIfEmpty: String? { isEmpty ? nil : self }
}

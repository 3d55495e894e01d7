import Foundation
import Testing
import TestSupport

/// The syncrepl pair on its own: replication is real and so is its lag, which is what
/// `rotate` must wait out before it restarts a service that talks to the second DC.
@Suite("E2E harness: syncrepl provider and consumer", .timeLimit(.minutes(2)))
struct ReplicationHarnessTests {
    @Test("a password changed on the provider binds on the consumer only after a lag, then within a deadline")
    func consumerLagsBehindProvider() throws {
        let scratch = try VaultSandbox("e2e-syncrepl", initialize: false)
        defer { scratch.assertNothingLeftRunning() }
        let directory = try ReplicatedDirectory.start(in: scratch.folder)
        defer { directory.stop() }

        var current = try directory.initialPassword()
        for replica in ReplicatedDirectory.Replica.allCases {
            #expect(try directory.canBind(replica, password: current), "\(replica)")
            #expect(try !directory.canBind(replica, password: "not-the-password"), "\(replica)")
        }

        // The consumer refreshes every 3 s; a refresh can land between the change and the
        // first look, so the lag must show in one of three changes (each one is checked in full).
        var lagSeen = false
        var passwords = [current]
        for attempt in 1...3 where !lagSeen {
            let next = "Replicated-\(attempt)-\(UUID().uuidString.prefix(13))"
            passwords.append(next)
            try directory.changePassword(to: next)
            #expect(try directory.canBind(.provider, password: next))
            #expect(try !directory.canBind(.provider, password: current))
            lagSeen = try directory.canBind(.consumer, password: current) && !directory.canBind(.consumer, password: next)

            #expect(directory.waitUntil(.consumer, accepts: next, deadline: 30), "the consumer never replicated")
            #expect(try !directory.canBind(.consumer, password: current))
            current = next
        }
        #expect(lagSeen, "the consumer took every change at once: no replication lag")

        // A write sent to the consumer is referred, not applied: the replicas cannot diverge.
        let refused = try Command.run("/usr/bin/ldappasswd", [
            "-x", "-H", directory.uri(.consumer), "-D", ReplicatedDirectory.adminDN, "-y", directory.rootPasswordFile,
            "-T", "/dev/stdin", ReplicatedDirectory.accountDN,
        ], stdin: Data("Diverged-Pw-1".utf8), timeout: 15)
        #expect(refused.status != 0, "\(refused)")
        #expect(try directory.canBind(.consumer, password: current))

        for password in passwords {
            #expect(Command.processes(matching: password).isEmpty)
        }
        directory.stop()
        #expect(Command.processes(matching: directory.folder.path).isEmpty)
    }
}

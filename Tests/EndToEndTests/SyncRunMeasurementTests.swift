import Foundation
import Testing
import TestSupport

/// The measurement rig for "0 failed sync runs per rotation": two simulated sync services,
/// active and staging (Microsoft's own advice for Azure AD Connect), each polling the
/// directory every 200 ms with the password it read at start and counting its failed runs.
@Suite("E2E harness: polling sync services count failed runs", .timeLimit(.minutes(2)))
struct SyncRunMeasurementTests {
    /// One polling service and its properties file on the slapd harness.
    struct Service {
        let role: String
        let properties: URL
        let sim: SyncSimulator

        init(_ role: String, ldap: LDAPServer, scratch: VaultSandbox) throws {
            self.role = role
            properties = scratch.file("\(role)/connector.properties")
            try SyncSimulator.writeProperties(properties, forest: Self.forest, server: ldap.uri,
                                              account: LDAPServer.accountDN(Self.forest),
                                              password: ldap.initialPassword(Self.forest))
            sim = try SyncSimulator(forest: Self.forest, state: scratch.file("\(role)/service"), properties: properties)
            try sim.startPolling(every: 200)
        }

        static let forest = "contoso.com"

        /// What credvault's push does: the file gets the password, the restart hook runs.
        func write(password: String, ldap: LDAPServer) throws {
            try SyncSimulator.writeProperties(properties, forest: Self.forest, server: ldap.uri,
                                              account: LDAPServer.accountDN(Self.forest), password: password)
        }

        func restart() throws {
            let result = try Command.run("/bin/bash", ["-c", sim.restartCommand], timeout: 30)
            guard result.status == 0 else { throw TestFailure("\(role) restart failed: \(result)") }
        }
    }

    static func changePassword(_ ldap: LDAPServer, to password: String) throws {
        try LDAPTools.resetPassword(ldap.uri, account: LDAPServer.accountDN(Service.forest), to: password,
                                    admin: ldap.adminDN(Service.forest), adminPasswordFile: ldap.rootPasswordFile)
    }

    @Test("active and staging: a change made while both are paused costs 0 failed runs; without the pause runs fail")
    func pausedChangeCostsNoFailedRuns() throws {
        let scratch = try VaultSandbox("e2e-measure", initialize: false)
        defer { scratch.assertNothingLeftRunning() }
        let ldap = try LDAPServer.start(in: scratch.folder)
        defer { ldap.stop() }
        let services = try ["active", "staging"].map { try Service($0, ldap: ldap, scratch: scratch) }
        defer { for service in services { try? service.sim.stop() } }
        for service in services {
            #expect(service.sim.waitForRuns(3), "\(service.role) never ran")
            let counts = try service.sim.counts()
            #expect(counts.failed == 0, "\(service.role): \(counts)")
        }

        // Paused: the directory changes, each service gets the new password and restarts
        // (it stays paused across the restart), then resumes. No run starts in the window.
        let v2 = "Measured-\(UUID().uuidString.prefix(13))-Zq9!"
        for service in services { try service.sim.pause() }
        let atPause = try services.map { try $0.sim.counts() }
        try Self.changePassword(ldap, to: v2)
        for service in services {
            try service.write(password: v2, ldap: ldap)
            try service.restart()
        }
        #expect(try services.map { try $0.sim.counts() } == atPause, "a run started while paused")
        for service in services { try service.sim.resume() }
        for (service, before) in zip(services, atPause) {
            #expect(service.sim.waitForRuns(before.runs + 3), "\(service.role) did not run after resume")
            let after = try service.sim.counts()
            #expect(after.failed == 0, "\(service.role) failed runs during a paused change: \(after)")
        }

        // Not paused: the same change costs failed runs, each one counted with its time.
        let v3 = "Unpaused-\(UUID().uuidString.prefix(13))-Zq9!"
        try Self.changePassword(ldap, to: v3)
        for service in services {
            let failing = eventually(deadline: 30, poll: 0.1) { ((try? service.sim.counts())?.failed ?? 0) >= 2 }
            let counts = try service.sim.counts()
            #expect(failing, "\(service.role) counted no failed run: \(counts)")
            #expect(counts.failures.count == counts.failed)
            #expect(counts.failures.allSatisfy { $0.contains("result=no-start-credentials") && $0.contains(" at=20") },
                    "\(counts)")
        }

        // The restart heals each service: failures stop growing, runs go on succeeding.
        for service in services {
            try service.write(password: v3, ldap: ldap)
            try service.restart()
            let healed = try service.sim.counts()
            #expect(service.sim.waitForRuns(healed.runs + 3))
            #expect(try service.sim.counts().failed == healed.failed, "\(service.role) still failing after restart")
        }
        for secret in [try ldap.initialPassword(Service.forest), v2, v3] {
            #expect(Command.processes(matching: secret).isEmpty)
            #expect(!services.contains { $0.sim.log.contains(secret) })
        }
    }
}

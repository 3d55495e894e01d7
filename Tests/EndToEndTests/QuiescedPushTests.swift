import Foundation
import Testing
import TestSupport
#if canImport(Glibc)
import Glibc
#endif

/// Issue 12 at the connector level: two polling sync services (active and staging) against
/// slapd, registered with credvault's pause and resume hooks. A change made while both are
/// paused, then `set` + `push --all`, costs 0 failed sync runs; the same change without the
/// hooks costs failed runs until the push heals them.
@Suite("E2E: push with pause/resume hooks costs 0 failed sync runs", .timeLimit(.minutes(3)))
struct QuiescedPushTests {
    static let forest = "contoso.com"

    /// One polling dependent: its properties file, its simulated service, its connector.
    struct Dependent {
        let role: String
        let properties: URL
        let sim: SyncSimulator
        var connector: String { "\(role)-sync" }

        init(_ role: String, ldap: LDAPServer, scratch: VaultSandbox) throws {
            self.role = role
            properties = scratch.file("\(role)/connector.properties")
            try SyncSimulator.writeProperties(properties, forest: QuiescedPushTests.forest, server: ldap.uri,
                                              account: LDAPServer.accountDN(QuiescedPushTests.forest),
                                              password: ldap.initialPassword(QuiescedPushTests.forest))
            sim = try SyncSimulator(forest: QuiescedPushTests.forest, state: scratch.file("\(role)/service"), properties: properties)
            try sim.startPolling(every: 200)
        }

        /// `connector add` with the simulator's hooks; `restart` replaces its restart hook.
        func add(_ cv: inout CredVaultCLI, quiesce: Bool, restart: String? = nil) throws {
            var arguments = ["connector", "add", connector, "--forest", QuiescedPushTests.forest, "--role", role,
                             "--file", properties.path, "--format", "keyvalue", "--password-key", "password",
                             "--account-key", "account", "--restart", restart ?? sim.restartCommand,
                             "--health", sim.healthCommand, "--timeout", "20"]
            if quiesce { arguments += ["--pause", sim.pauseCommand, "--resume", sim.resumeCommand] }
            let result = try cv.run(arguments)
            guard result.status == 0 else { throw TestFailure("connector add \(connector) failed: \(result)") }
        }

        var paused: Bool { FileManager.default.fileExists(atPath: sim.state.appendingPathComponent("paused").path) }
    }

    static func newPassword(_ label: String) -> String { "\(label)-\(UUID().uuidString.prefix(13))-Zq9!" }

    /// A bench: slapd, two polling dependents, a vault holding the directory's password.
    struct Bench {
        let scratch: VaultSandbox
        let ldap: LDAPServer
        let dependents: [Dependent]
        var cv: CredVaultCLI

        init(_ label: String) throws {
            scratch = try VaultSandbox(label, initialize: false)
            ldap = try LDAPServer.start(in: scratch.folder)
            let ldap = self.ldap
            let scratch = self.scratch
            dependents = try ["active", "staging"].map { try Dependent($0, ldap: ldap, scratch: scratch) }
            cv = try CredVaultCLI(sandbox: scratch)
            let v1 = try ldap.initialPassword(QuiescedPushTests.forest)
            let set = try cv.run(["set", QuiescedPushTests.forest, "--account", LDAPServer.accountDN(QuiescedPushTests.forest),
                                  "--stdin"], stdin: v1 + "\n")
            guard set.status == 0 else { throw TestFailure("set failed: \(set)") }
        }

        func stop() {
            for dependent in dependents { try? dependent.sim.stop() }
            ldap.stop()
        }

        /// The directory gets `password` (an administrator's reset).
        func changeDirectory(to password: String) throws {
            try LDAPTools.resetPassword(ldap.uri, account: LDAPServer.accountDN(QuiescedPushTests.forest), to: password,
                                        admin: ldap.adminDN(QuiescedPushTests.forest), adminPasswordFile: ldap.rootPasswordFile)
        }

        mutating func set(_ password: String) throws {
            let result = try cv.run(["set", QuiescedPushTests.forest, "--account", LDAPServer.accountDN(QuiescedPushTests.forest),
                                     "--stdin"], stdin: password + "\n")
            guard result.status == 0 else { throw TestFailure("set failed: \(result)") }
        }

        /// Each service has run `more` scheduled runs beyond `before` (or since init).
        func waitForMoreRuns(_ more: Int, after before: [SyncRunCounts]? = nil) throws {
            for (index, dependent) in dependents.enumerated() {
                let base = before?[index].runs ?? 0
                guard dependent.sim.waitForRuns(base + more) else { throw TestFailure("\(dependent.role) stopped running") }
            }
        }

        func counts() throws -> [SyncRunCounts] { try dependents.map { try $0.sim.counts() } }
    }

    @Test("pause both, change the directory, set, push --all: 0 failed runs; without the hooks the same change fails runs")
    func pausedPushCostsNoFailedRuns() throws {
        var bench = try Bench("e2e-quiesce")
        defer { bench.scratch.assertNothingLeftRunning() }
        defer { bench.stop() }
        for dependent in bench.dependents { try dependent.add(&bench.cv, quiesce: true) }
        // The first push finds the targets current: pause, restart, health, resume each.
        let first = try bench.cv.run(["push", "--all"])
        try #require(first.status == 0, "\(first)")
        try bench.waitForMoreRuns(3)

        // The operator pauses every dependent, the directory changes, the vault gets the new
        // password, and one push writes, restarts, checks and resumes both.
        let v2 = Self.newPassword("Quiesced")
        let pause = try bench.cv.run(["connector", "pause", "--forest", Self.forest])
        try #require(pause.status == 0, "\(pause)")
        #expect(bench.dependents.allSatisfy { $0.paused })
        #expect(try bench.cv.connectorStatus("staging-sync")["paused"] as? Bool == true)
        let atPause = try bench.counts()
        try bench.changeDirectory(to: v2)
        try bench.set(v2)
        #expect(try bench.counts() == atPause, "a scheduled run started while paused")
        let push = try bench.cv.run(["push", "--all"])
        #expect(push.status == 0, "\(push)")
        #expect(!bench.dependents.contains { $0.paused })
        try bench.waitForMoreRuns(3, after: atPause)
        for (dependent, counts) in zip(bench.dependents, try bench.counts()) {
            #expect(counts.failed == 0, "\(dependent.role) failed runs around a paused push: \(counts)")
            #expect(try bench.cv.connectorStatus(dependent.connector)["paused"] as? Bool == false)
        }
        let actions = try bench.cv.auditEvents().filter { $0["connector"] as? String == "staging-sync" }
            .compactMap { $0["action"] as? String }
        #expect(isSubsequence(["pause", "push.written", "push.restarted", "push.healthy", "resume"], of: actions), "\(actions)")

        // The same dependents without pause and resume hooks: the change costs failed runs
        // until the push restarts each service.
        for dependent in bench.dependents {
            #expect(try bench.cv.run(["connector", "remove", dependent.connector]).status == 0)
            try dependent.add(&bench.cv, quiesce: false)
        }
        let before = try bench.counts()
        let v3 = Self.newPassword("Unquiesced")
        try bench.changeDirectory(to: v3)
        for (dependent, counts) in zip(bench.dependents, before) {
            let failing = eventually(deadline: 30, poll: 0.1) { ((try? dependent.sim.counts())?.failed ?? 0) > counts.failed }
            #expect(failing, "\(dependent.role) counted no failed run after an unpaused change")
        }
        try bench.set(v3)
        #expect(try bench.cv.run(["push", "--all"]).status == 0)
        let healed = try bench.counts()
        try bench.waitForMoreRuns(3, after: healed)
        #expect(try bench.counts().map(\.failed) == healed.map(\.failed), "still failing after the push")
        for secret in [try bench.ldap.initialPassword(Self.forest), v2, v3] {
            #expect(!bench.cv.transcript.contains { $0.stdout.contains(secret) || $0.stderr.contains(secret) })
            #expect(Command.processes(matching: secret).isEmpty)
        }
    }

    @Test("SIGKILL during a paused push's restart: the next push restarts, checks and resumes; 0 failed runs")
    func killedPausedPushIsFinished() throws {
        var bench = try Bench("e2e-quiesce-kill")
        defer { bench.scratch.assertNothingLeftRunning() }
        defer { bench.stop() }
        let active = bench.dependents[0]
        // The first restart blocks (recording its pid) until the test kills it; later ones restart.
        let pidFile = bench.scratch.path("restart.pid")
        let wrapper = try bench.scratch.write("slow-restart.sh", """
            #!/bin/bash
            if [ ! -f "\(pidFile)" ]; then echo $$ > "\(pidFile)"; exec sleep 300; fi
            exec "$@"
            """, mode: 0o755)
        try active.add(&bench.cv, quiesce: true, restart: "\(wrapper) \(active.sim.restartCommand)")
        try bench.dependents[1].add(&bench.cv, quiesce: true)
        try bench.waitForMoreRuns(3)

        let v2 = Self.newPassword("Killed")
        #expect(try bench.cv.run(["connector", "pause", "--forest", Self.forest]).status == 0)
        try bench.changeDirectory(to: v2)
        try bench.set(v2)
        let push = try bench.scratch.start(["push", "--all"])
        defer { if push.isRunning { kill(push.processIdentifier, SIGKILL) } }
        #expect(eventually(deadline: 30) { !bench.scratch.read("restart.pid").isEmpty })
        let hook = ObservedProcess(pidFile: pidFile)
        defer { hook.killIfRunning() }
        kill(push.processIdentifier, SIGKILL)
        push.waitUntilExit()
        hook.killIfRunning()
        #expect(active.paused, "the killed push left the scheduler enabled")
        let killed = try bench.cv.connectorStatus(active.connector)
        #expect(killed["paused"] as? Bool == true && killed["restart_pending"] as? Bool == true, "\(killed)")

        let again = try bench.cv.run(["push", "--all"])
        #expect(again.status == 0, "\(again)")
        #expect(!bench.dependents.contains { $0.paused })
        let resumed = try bench.counts()
        try bench.waitForMoreRuns(3, after: resumed)
        for (dependent, counts) in zip(bench.dependents, try bench.counts()) {
            #expect(counts.failed == 0, "\(dependent.role): \(counts)")
            #expect(try bench.cv.connectorStatus(dependent.connector)["paused"] as? Bool == false)
        }
    }
}

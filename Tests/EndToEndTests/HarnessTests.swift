import Foundation
import Testing
import TestSupport

/// The fixtures on their own: the private slapd and the sync-service simulator.
@Suite("E2E harness: slapd and sync-service simulator", .timeLimit(.minutes(2)))
struct HarnessTests {
    @Test("slapd: seeded accounts bind with their password, not with a wrong one; ldappasswd rotates")
    func slapdBindsAndRotates() throws {
        let scratch = try VaultSandbox("e2e-slapd", initialize: false)
        defer { scratch.assertNothingLeftRunning() }
        let ldap = try LDAPServer.start(in: scratch.folder)
        defer { ldap.stop() }

        for forest in ["contoso.com", "fabrikam.com"] {
            let dn = LDAPServer.accountDN(forest)
            #expect(try ldap.canBind(dn: dn, password: ldap.initialPassword(forest)))
            #expect(try !ldap.canBind(dn: dn, password: "not-the-password"))
        }
        // The accounts are separate: contoso's password does not open fabrikam's account.
        #expect(try !ldap.canBind(dn: LDAPServer.accountDN("fabrikam.com"), password: ldap.initialPassword("contoso.com")))

        let old = try ldap.initialPassword("contoso.com")
        try ldap.rotatePassword("contoso.com", to: "Rotated-Pw-2#x", scratch: scratch)
        #expect(try ldap.canBind(dn: LDAPServer.accountDN("contoso.com"), password: "Rotated-Pw-2#x"))
        #expect(try !ldap.canBind(dn: LDAPServer.accountDN("contoso.com"), password: old))
        #expect(try ldap.canBind(dn: LDAPServer.accountDN("fabrikam.com"), password: ldap.initialPassword("fabrikam.com")))

        // Nothing of the system's configuration: the running slapd reads only our folder.
        let slapd = Command.processes(matching: "slapd -f \(ldap.folder.path)/slapd.conf")
        #expect(slapd.count == 1)
        ldap.stop()
        #expect(Command.processes(matching: ldap.folder.path).isEmpty)
    }

    @Test("slapd stops when the process holding its lifeline dies (SIGKILL)")
    func slapdWatchdog() throws {
        let scratch = try VaultSandbox("e2e-slapd-watchdog", initialize: false)
        defer { scratch.assertNothingLeftRunning() }
        let state = scratch.file("ldap")
        let port = try LDAPServer.freePort()
        // A stand-in for the test process: `sleep` holds the only write end of slapd's lifeline.
        let owner = Process()
        owner.executableURL = URL(fileURLWithPath: "/bin/sleep")
        owner.arguments = ["300"]
        let lifeline = Pipe()
        owner.standardOutput = lifeline
        let harness = Process()
        harness.executableURL = URL(fileURLWithPath: "/bin/bash")
        harness.arguments = [Fixtures.slapdHarness, state.path, String(port)]
        harness.environment = ["PATH": Command.path]
        harness.standardInput = lifeline
        harness.standardOutput = FileHandle(forWritingAtPath: "/dev/null")
        harness.standardError = FileHandle(forWritingAtPath: "/dev/null")
        try owner.run()
        try harness.run()
        try lifeline.fileHandleForWriting.close()
        try lifeline.fileHandleForReading.close()
        defer {
            kill(owner.processIdentifier, SIGKILL)
            kill(harness.processIdentifier, SIGKILL)
        }
        let up = eventually(deadline: 30, poll: 0.1) {
            (try? Command.run("/usr/bin/ldapwhoami", ["-x", "-H", "ldap://127.0.0.1:\(port)/"], timeout: 10))?.status == 0
        }
        try #require(up, "slapd did not answer")
        #expect(!Command.processes(matching: "slapd -f \(state.path)").isEmpty)

        kill(owner.processIdentifier, SIGKILL)
        let gone = eventually(deadline: 15, poll: 0.05) { Command.processes(matching: state.path).isEmpty }
        #expect(gone, "left running: \(Command.processes(matching: state.path))")
        harness.waitUntilExit()
        owner.waitUntilExit()
    }

    @Test("simulator keeps the password it read at start until it is restarted")
    func simulatorCachesCredentials() throws {
        let scratch = try VaultSandbox("e2e-syncsim", initialize: false)
        defer { scratch.assertNothingLeftRunning() }
        let ldap = try LDAPServer.start(in: scratch.folder)
        defer { ldap.stop() }
        let forest = "contoso.com"
        let properties = scratch.file("connector/contoso.properties")
        try SyncSimulator.writeProperties(properties, forest: forest, server: ldap.uri,
                                          account: LDAPServer.accountDN(forest), password: ldap.initialPassword(forest))
        let sim = try SyncSimulator(forest: forest, state: scratch.file("sim-contoso"), properties: properties)
        defer { try? sim.stop() }

        #expect(try sim.run() == "service not running")
        try sim.start()
        #expect(sim.starts == 1)
        #expect(try sim.run() == "success")

        // The directory's password changes: the cached one no longer binds.
        try ldap.rotatePassword(forest, to: "Second-Pw-7%q", scratch: scratch)
        #expect(try sim.run() == "no-start-credentials")
        #expect(sim.log.contains("result=no-start-credentials"))
        #expect(sim.log.contains("Event ID 6000"))
        #expect(sim.log.contains("The management agent \"contoso.com\" failed to run because the credentials were invalid."))

        // The file gets the new password, but the running service does not read it again.
        try SyncSimulator.writeProperties(properties, forest: forest, server: ldap.uri,
                                          account: LDAPServer.accountDN(forest), password: "Second-Pw-7%q")
        let pidBefore = sim.pid
        #expect(try sim.run() == "no-start-credentials")
        #expect(sim.pid == pidBefore)

        // Only the restart hook fixes it; the health check agrees.
        let restart = try Command.run("/bin/bash", ["-c", sim.restartCommand], timeout: 30)
        #expect(restart.status == 0, "\(restart)")
        #expect(sim.starts == 2)
        #expect(sim.pid != pidBefore)
        let health = try Command.run("/bin/bash", ["-c", sim.healthCommand], timeout: 30)
        #expect(health.status == 0, "\(health)")
        #expect(try sim.run() == "success")

        // The health check fails (non-zero) when the service cannot bind.
        try ldap.rotatePassword(forest, to: "Third-Pw-1!z", scratch: scratch)
        let unhealthy = try Command.run("/bin/bash", ["-c", sim.healthCommand], timeout: 30)
        #expect(unhealthy.status != 0)
        #expect(unhealthy.stdout.contains("no-start-credentials"))

        // No password in the service's log, its folder or its command line.
        for secret in [try ldap.initialPassword(forest), "Second-Pw-7%q", "Third-Pw-1!z"] {
            #expect(!sim.log.contains(secret))
            #expect(Command.processes(matching: secret).isEmpty)
        }
        try sim.stop()
        #expect(sim.pid == nil)
    }

    @Test("simulator stops by itself when its owner process is gone")
    func simulatorWatchdog() throws {
        let scratch = try VaultSandbox("e2e-syncsim-watchdog", initialize: false)
        defer { scratch.assertNothingLeftRunning() }
        let properties = try scratch.write("p.properties", "forest=contoso.com\nserver=ldap://127.0.0.1:9/\naccount=cn=x\npassword=x\n")
        let owner = Process()
        owner.executableURL = URL(fileURLWithPath: "/bin/sleep")
        owner.arguments = ["300"]
        try owner.run()
        defer { kill(owner.processIdentifier, SIGKILL) }
        let state = scratch.file("sim")
        #expect(try Command.run("/bin/bash", [Fixtures.syncsim, "init", state.path, properties,
                                               String(owner.processIdentifier)]).status == 0)
        #expect(try Command.run("/bin/bash", [Fixtures.syncsim, "start", state.path], timeout: 30).status == 0)
        #expect(!Command.processes(matching: "syncsim daemon \(state.path)").isEmpty)
        kill(owner.processIdentifier, SIGKILL)
        owner.waitUntilExit()
        let gone = eventually(deadline: 10, poll: 0.05) { Command.processes(matching: state.path).isEmpty }
        #expect(gone, "left running: \(Command.processes(matching: state.path))")
    }
    @Test("simulator answers a request whose line arrives in two parts, more than its read timeout apart")
    func simulatorSplitRequest() throws {
        let scratch = try VaultSandbox("e2e-syncsim-split", initialize: false)
        defer { scratch.assertNothingLeftRunning() }
        let properties = try scratch.write("p.properties", "forest=contoso.com\nserver=ldap://127.0.0.1:9/\naccount=cn=x\npassword=x\n")
        let sim = try SyncSimulator(forest: "contoso.com", state: scratch.file("sim"), properties: URL(fileURLWithPath: properties))
        try sim.start()
        defer { try? sim.stop() }
        // A loaded machine can stall the service between two bytes of a request until its
        // `read -t` times out; the rest of the line must still make the request.
        let control = sim.state.appendingPathComponent("control").path
        let writer = try Command.run("/bin/bash", ["-c", "exec 3>\"$1\"; printf 'pa' >&3; sleep 1.5; printf 'use split-1\\n' >&3", "_", control],
                                     timeout: 30)
        #expect(writer.status == 0, "\(writer)")
        let answer = sim.state.appendingPathComponent("results/split-1").path
        #expect(eventually(deadline: 10, poll: 0.05) { FileManager.default.fileExists(atPath: answer) }, "the split request was lost")
        #expect((try? String(contentsOfFile: answer, encoding: .utf8)) == "paused\n")
    }
}

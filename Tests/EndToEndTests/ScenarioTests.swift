import Foundation
import Testing
import TestSupport

/// The Azure AD Connect story end to end: a real directory (slapd), a sync service that caches
/// its credentials in memory (the simulator), and the real `credvault` binary in between.
@Suite("E2E: rotated directory password, no-start-credentials, push and restart", .timeLimit(.minutes(2)))
struct ScenarioTests {
    /// One forest's side of the story: its connector properties file, its service, its connector.
    struct Forest {
        let name: String
        let connector: String
        let properties: URL
        let sim: SyncSimulator
        var account: String { LDAPServer.accountDN(name) }

        /// Writes the properties file holding the directory's current password (as an operator
        /// typed it when the server was installed), makes the service and starts it.
        init(_ name: String, ldap: LDAPServer, scratch: VaultSandbox) throws {
            self.name = name
            connector = "adsync-\(name.split(separator: ".")[0])"
            properties = scratch.file("adsync/\(name)/connector.properties")
            try SyncSimulator.writeProperties(properties, forest: name, server: ldap.uri,
                                              account: LDAPServer.accountDN(name),
                                              password: ldap.initialPassword(name))
            sim = try SyncSimulator(forest: name, state: scratch.file("service-\(name)"), properties: properties)
            try sim.start()
        }

        /// `connector add` with the simulator's restart and health scripts as hooks.
        func addConnector(_ cv: inout CredVaultCLI, restart: String? = nil) throws -> ProcessResult {
            try cv.run([
                "connector", "add", connector, "--forest", name,
                "--file", properties.path, "--format", "keyvalue",
                "--password-key", "password", "--account-key", "account",
                "--restart", restart ?? "'\(sim.script)' restart '\(sim.state.path)'",
                "--health", "'\(sim.script)' health '\(sim.state.path)'",
                "--timeout", "20",
            ])
        }

        var propertiesText: String { (try? String(contentsOf: properties, encoding: .utf8)) ?? "" }

        /// The properties file without its password line: what a push must leave alone.
        var propertiesWithoutPassword: [Substring] {
            propertiesText.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.hasPrefix("password=") }
        }
    }

    static func newPassword(_ label: String) -> String {
        "\(label)-\(UUID().uuidString.prefix(13))-Zq9!"
    }

    @Test("contoso.com: rotation breaks the service; set + push --no-restart is not enough; push restarts and heals it")
    func contosoRotation() throws {
        let scratch = try VaultSandbox("e2e-scenario", initialize: false)
        defer { scratch.assertNothingLeftRunning() }
        let ldap = try LDAPServer.start(in: scratch.folder)
        defer { ldap.stop() }
        var cv = try CredVaultCLI(sandbox: scratch)
        let contoso = try Forest("contoso.com", ldap: ldap, scratch: scratch)
        defer { try? contoso.sim.stop() }
        let v1 = try ldap.initialPassword("contoso.com")
        let v2 = Self.newPassword("Contoso")

        // The vault holds v1, the directory's current password; the connector is bound and the
        // first push (already current) restarts the service and checks its health.
        try #require(try cv.run(["set", "contoso.com", "--account", contoso.account, "--stdin"], stdin: v1 + "\n").status == 0)
        let added = try contoso.addConnector(&cv)
        try #require(added.status == 0, "\(added)")
        let first = try cv.run(["push", "contoso.com"])
        try #require(first.status == 0, "\(first)")
        try #require(try contoso.sim.run() == "success")
        let layout = contoso.propertiesWithoutPassword

        // An admin resets the account's password in the directory. The service still has v1 in
        // memory: the next run fails with the seed's symptoms.
        try ldap.rotatePassword("contoso.com", to: v2, scratch: scratch)
        try #require(try contoso.sim.run() == "no-start-credentials")
        #expect(contoso.sim.log.contains("Event ID 6000"))
        #expect(contoso.sim.log.contains("The management agent \"contoso.com\" failed to run because the credentials were invalid."))

        // doctor reads the service log, names the symptom and the fix.
        let doctor = try cv.run(["doctor", "contoso.com", "--log", contoso.sim.logPath])
        #expect(doctor.status == 1, "\(doctor)")
        #expect(doctor.stdout.contains("no-start-credentials"), "\(doctor)")
        #expect(doctor.stdout.contains("directory holds a password that the vault does not"), "\(doctor)")
        #expect(doctor.stdout.contains("credvault set contoso.com"), "\(doctor)")

        // The operator stores v2.
        let set = try cv.run(["set", "contoso.com", "--account", contoso.account, "--stdin", "--reason", "CHG-6000"], stdin: v2 + "\n")
        try #require(set.status == 0, "\(set)")
        #expect(set.stdout.contains("version 2"))

        // push --no-restart writes the file, but the running service keeps its cached v1.
        let startsBefore = contoso.sim.starts
        let pidBefore = contoso.sim.pid
        let written = try cv.run(["push", "contoso.com", "--no-restart"])
        #expect(written.status == 0, "\(written)")
        #expect(contoso.propertiesText.contains("password=\(v2)\n"))
        #expect(contoso.propertiesWithoutPassword == layout, "a push changed more than the password line")
        #expect(contoso.sim.starts == startsBefore)
        #expect(contoso.sim.pid == pidBefore)
        #expect(try contoso.sim.run() == "no-start-credentials", "--no-restart must leave the service failing")
        let pending = try cv.connectorStatus(contoso.connector)
        #expect(pending["restart_pending"] as? Bool == true, "\(pending)")
        #expect(pending["target_state"] as? String == "current", "\(pending)")
        #expect(pending["target_version"] as? Int == 2, "\(pending)")
        let doctorPending = try cv.run(["doctor", "contoso.com"])
        #expect(doctorPending.status == 1)
        #expect(doctorPending.stdout.contains("not restarted"), "\(doctorPending)")

        // push restarts the service (it reads the file again) and the health check passes.
        let pushed = try cv.run(["push", "contoso.com"])
        #expect(pushed.status == 0, "\(pushed)")
        #expect(pushed.stdout.contains("healthy"), "\(pushed)")
        #expect(contoso.sim.starts == startsBefore + 1)
        #expect(contoso.sim.pid != pidBefore)
        #expect(try contoso.sim.run() == "success")
        let healed = try cv.connectorStatus(contoso.connector)
        #expect(healed["restart_pending"] as? Bool == false, "\(healed)")
        #expect(healed["last_push_state"] as? String == "healthy", "\(healed)")
        let doctorAfter = try cv.run(["doctor", "contoso.com", "--log", contoso.sim.logPath])
        #expect(doctorAfter.status == 0, "\(doctorAfter)")

        // The audit trail is intact and tells the story of v2 in order.
        let verify = try cv.run(["audit", "verify"])
        #expect(verify.status == 0, "\(verify)")
        let events = try cv.auditEvents()
        let v2Actions = events.filter { $0["forest"] as? String == "contoso.com" && $0["version"] as? Int == 2 }
            .compactMap { $0["action"] as? String }
        #expect(v2Actions == ["set", "push.written", "push.restarted", "push.healthy"], "\(v2Actions)")

        // No password anywhere it could leak: command output, audit, service log, command lines.
        let audit = try cv.run(["audit", "--json"])
        for secret in [v1, v2] {
            #expect(!cv.transcript.contains { $0.stdout.contains(secret) || $0.stderr.contains(secret) })
            #expect(!audit.stdout.contains(secret))
            #expect(!contoso.sim.log.contains(secret))
            #expect(Command.processes(matching: secret).isEmpty)
        }
    }

    @Test("two forests: only fabrikam.com rotates; push --all heals it and leaves contoso.com's service alone")
    func pushAllTouchesOnlyTheRotatedForest() throws {
        let scratch = try VaultSandbox("e2e-two-forests", initialize: false)
        defer { scratch.assertNothingLeftRunning() }
        let ldap = try LDAPServer.start(in: scratch.folder)
        defer { ldap.stop() }
        var cv = try CredVaultCLI(sandbox: scratch)
        let contoso = try Forest("contoso.com", ldap: ldap, scratch: scratch)
        defer { try? contoso.sim.stop() }
        let fabrikam = try Forest("fabrikam.com", ldap: ldap, scratch: scratch)
        defer { try? fabrikam.sim.stop() }

        for forest in [contoso, fabrikam] {
            let v1 = try ldap.initialPassword(forest.name)
            try #require(try cv.run(["set", forest.name, "--account", forest.account, "--stdin"], stdin: v1 + "\n").status == 0)
            let added = try forest.addConnector(&cv)
            try #require(added.status == 0, "\(added)")
        }
        let bind = try cv.run(["push", "--all"])
        try #require(bind.status == 0, "\(bind)")
        try #require(try contoso.sim.run() == "success")
        try #require(try fabrikam.sim.run() == "success")

        let contosoPid = contoso.sim.pid
        let contosoStarts = contoso.sim.starts
        let contosoFile = contoso.propertiesText
        let fabrikamStarts = fabrikam.sim.starts
        let fabrikamLayout = fabrikam.propertiesWithoutPassword

        // Only fabrikam's password changes in the directory.
        let v2 = Self.newPassword("Fabrikam")
        try ldap.rotatePassword("fabrikam.com", to: v2, scratch: scratch)
        #expect(try fabrikam.sim.run() == "no-start-credentials")
        #expect(fabrikam.sim.log.contains("The management agent \"fabrikam.com\" failed to run because the credentials were invalid."))
        #expect(try contoso.sim.run() == "success")
        let set = try cv.run(["set", "fabrikam.com", "--account", fabrikam.account, "--stdin"], stdin: v2 + "\n")
        try #require(set.status == 0, "\(set)")
        let eventsBefore = try cv.auditEvents().count

        let all = try cv.run(["push", "--all"])
        #expect(all.status == 0, "\(all)")

        // fabrikam: written, restarted, healthy.
        #expect(fabrikam.propertiesText.contains("password=\(v2)\n"))
        #expect(fabrikam.propertiesWithoutPassword == fabrikamLayout)
        #expect(fabrikam.sim.starts == fabrikamStarts + 1)
        #expect(try fabrikam.sim.run() == "success")
        // contoso: untouched, same process, never restarted, still fine.
        #expect(contoso.propertiesText == contosoFile)
        #expect(contoso.sim.pid == contosoPid)
        #expect(contoso.sim.starts == contosoStarts)
        #expect(try contoso.sim.run() == "success")

        let newEvents = Array(try cv.auditEvents().dropFirst(eventsBefore))
        #expect(!newEvents.contains { $0["forest"] as? String == "contoso.com" }, "\(newEvents)")
        let fabrikamActions = newEvents.filter { $0["forest"] as? String == "fabrikam.com" }.compactMap { $0["action"] as? String }
        #expect(fabrikamActions == ["push.written", "push.restarted", "push.healthy"], "\(fabrikamActions)")
        #expect(try cv.run(["audit", "verify"]).status == 0)

        // Run again from a timer: nothing to do, no service restarted.
        let again = try cv.run(["push", "--all"])
        #expect(again.status == 0, "\(again)")
        #expect(fabrikam.sim.starts == fabrikamStarts + 1)
        #expect(contoso.sim.starts == contosoStarts)
        #expect(!cv.transcript.contains { $0.stdout.contains(v2) || $0.stderr.contains(v2) })
    }

    @Test("a restart hook that does not restart the service: the health check catches it (exit 4)")
    func writeWithoutRealRestartIsCaught() throws {
        let scratch = try VaultSandbox("e2e-fake-restart", initialize: false)
        defer { scratch.assertNothingLeftRunning() }
        let ldap = try LDAPServer.start(in: scratch.folder)
        defer { ldap.stop() }
        var cv = try CredVaultCLI(sandbox: scratch)
        let contoso = try Forest("contoso.com", ldap: ldap, scratch: scratch)
        defer { try? contoso.sim.stop() }
        try #require(try cv.run(["set", "contoso.com", "--account", contoso.account, "--stdin"],
                                stdin: ldap.initialPassword("contoso.com") + "\n").status == 0)
        // The "restart" succeeds but restarts nothing: the service keeps its cached password.
        let added = try contoso.addConnector(&cv, restart: "/bin/true")
        try #require(added.status == 0, "\(added)")
        let v2 = Self.newPassword("Contoso")
        try ldap.rotatePassword("contoso.com", to: v2, scratch: scratch)
        try #require(try cv.run(["set", "contoso.com", "--account", contoso.account, "--stdin"], stdin: v2 + "\n").status == 0)
        let startsBefore = contoso.sim.starts

        let pushed = try cv.run(["push", "contoso.com"])
        #expect(pushed.status == 4, "\(pushed)")
        #expect(contoso.propertiesText.contains("password=\(v2)\n"))
        #expect(contoso.sim.starts == startsBefore)
        #expect(try contoso.sim.run() == "no-start-credentials")
        let state = try cv.connectorStatus(contoso.connector)
        #expect(state["health_failed"] as? Bool == true, "\(state)")
    }
}

import Foundation
import Testing
import TestSupport

/// A connector on another host, reached the ordinary way: an exec adapter and hooks that run
/// `ssh host …`, with the password on standard input only. The "remote host" is a real
/// OpenSSH server on 127.0.0.1 (Tests/Fixtures/sshd); behind it, the simulated sync service
/// and its properties file. docs/remote-connectors.md tells the same setup for a real host.
@Suite("E2E: remote connector over OpenSSH", .timeLimit(.minutes(2)))
struct RemoteConnectorTests {
    @Test("push over ssh: the password goes on stdin only, lands in the remote file, restart and health go through ssh")
    func pushOverSSH() throws {
        let scratch = try VaultSandbox("e2e-remote", initialize: false)
        defer { scratch.assertNothingLeftRunning() }
        let ldap = try LDAPServer.start(in: scratch.folder)
        defer { ldap.stop() }
        let ssh = try SSHServer.start(in: scratch.folder)
        defer { ssh.stop() }
        var cv = try CredVaultCLI(sandbox: scratch)
        let forest = "contoso.com"
        let account = LDAPServer.accountDN(forest)
        let v1 = try ldap.initialPassword(forest)
        let v2 = "Remote-\(UUID().uuidString.prefix(13))-Zq9!"

        // The "remote" sync host: its properties file and its service, started there over ssh.
        let properties = scratch.file("remote-host/adsync/connector.properties")
        try SyncSimulator.writeProperties(properties, forest: forest, server: ldap.uri, account: account, password: v1)
        let sim = try SyncSimulator(forest: forest, state: scratch.file("remote-host/service"), properties: properties)
        defer { try? sim.stop() }
        let started = try ssh.run([sim.script, "start", sim.state.path])
        try #require(started.status == 0, "\(started)")
        #expect(try sim.run() == "success")

        try #require(try cv.run(["set", forest, "--account", account, "--stdin"], stdin: v1 + "\n").status == 0)
        let added = try cv.run([
            "connector", "add", "remote-sync", "--forest", forest,
            "--exec", ssh.commandLine([Fixtures.remoteWriter, properties.path]),
            "--restart", ssh.commandLine([sim.script, "restart", sim.state.path]),
            "--health", ssh.commandLine([sim.script, "health", sim.state.path]),
            "--timeout", "30",
        ])
        try #require(added.status == 0, "\(added)")

        // The directory's password changes; the vault learns it; the remote service still has v1.
        try LDAPTools.resetPassword(ldap.uri, account: account, to: v2,
                                    admin: ldap.adminDN(forest), adminPasswordFile: ldap.rootPasswordFile)
        try #require(try cv.run(["set", forest, "--account", account, "--stdin"], stdin: v2 + "\n").status == 0)
        #expect(try sim.run() == "no-start-credentials")

        // The push, watched: no process (credvault, ssh, sshd, the remote side) ever has the
        // password in its argv or environment.
        let startsBefore = sim.starts
        let sessionsBefore = ssh.sessionsStarted
        let watch = ProcessLeakWatch(secrets: [v1, v2], marker: ssh.clientKey)
        let pushed = try watch.during { try cv.run(["push", forest]) }
        #expect(pushed.status == 0, "\(pushed)")
        #expect(pushed.stdout.contains("healthy"), "\(pushed)")
        #expect(watch.leaks.isEmpty, "password seen in \(watch.leaks)")
        #expect(watch.sightings >= 1, "the watch saw no ssh process: it proves nothing")

        // Written on the remote host, restarted there, healthy there: all through ssh.
        let text = try String(contentsOf: properties, encoding: .utf8)
        #expect(text.contains("password=\(v2)\n"))
        #expect(text.contains("server=\(ldap.uri)\n"), "the remote writer changed more than the password line")
        #expect(FileMode.of(properties.path) == 0o600)
        #expect(sim.starts == startsBefore + 1)
        #expect(try sim.run() == "success")
        #expect(ssh.sessionsStarted >= sessionsBefore + 3, "write, restart and health each log in over ssh")
        let status = try cv.connectorStatus("remote-sync")
        #expect(status["last_push_state"] as? String == "healthy", "\(status)")

        let events = try cv.auditEvents()
        let actions = events.filter { $0["version"] as? Int == 2 }.compactMap { $0["action"] as? String }
        #expect(actions == ["set", "push.written", "push.restarted", "push.healthy"], "\(actions)")
        for secret in [v1, v2] {
            #expect(!cv.transcript.contains { $0.stdout.contains(secret) || $0.stderr.contains(secret) })
            #expect(!ssh.log.contains(secret))
            #expect(!sim.log.contains(secret))
        }
        try sim.stop()
    }

    @Test("pause and resume over ssh: the remote scheduler is paused around the push and resumed after it")
    func pauseAndResumeOverSSH() throws {
        let scratch = try VaultSandbox("e2e-remote-quiesce", initialize: false)
        defer { scratch.assertNothingLeftRunning() }
        let ldap = try LDAPServer.start(in: scratch.folder)
        defer { ldap.stop() }
        let ssh = try SSHServer.start(in: scratch.folder)
        defer { ssh.stop() }
        var cv = try CredVaultCLI(sandbox: scratch)
        let forest = "contoso.com"
        let account = LDAPServer.accountDN(forest)
        let v1 = try ldap.initialPassword(forest)
        let properties = scratch.file("remote-host/adsync/connector.properties")
        try SyncSimulator.writeProperties(properties, forest: forest, server: ldap.uri, account: account, password: v1)
        let sim = try SyncSimulator(forest: forest, state: scratch.file("remote-host/service"), properties: properties)
        defer { try? sim.stop() }
        try #require(try ssh.run([sim.script, "start", sim.state.path, "--poll", "200"]).status == 0)
        let paused = sim.state.appendingPathComponent("paused").path

        try #require(try cv.run(["set", forest, "--account", account, "--stdin"], stdin: v1 + "\n").status == 0)
        let added = try cv.run([
            "connector", "add", "remote-sync", "--forest", forest, "--role", "staging",
            "--exec", ssh.commandLine([Fixtures.remoteWriter, properties.path]),
            "--restart", ssh.commandLine([sim.script, "restart", sim.state.path]),
            "--health", ssh.commandLine([sim.script, "health", sim.state.path]),
            "--pause", ssh.commandLine([sim.script, "pause", sim.state.path]),
            "--resume", ssh.commandLine([sim.script, "resume", sim.state.path]),
            "--timeout", "30",
        ])
        try #require(added.status == 0, "\(added)")

        // By hand: the remote scheduler's flag appears and goes, each through an ssh session.
        let sessions = ssh.sessionsStarted
        #expect(try cv.run(["connector", "pause", "remote-sync"]).status == 0)
        #expect(FileManager.default.fileExists(atPath: paused))
        #expect(try cv.connectorStatus("remote-sync")["paused"] as? Bool == true)
        #expect(try cv.run(["connector", "resume", "remote-sync"]).status == 0)
        #expect(!FileManager.default.fileExists(atPath: paused))
        #expect(ssh.sessionsStarted >= sessions + 2)

        // The directory changes while the remote service is paused; the push resumes it.
        let v2 = "RemoteQ-\(UUID().uuidString.prefix(13))-Zq9!"
        #expect(try cv.run(["connector", "pause", "--forest", forest]).status == 0)
        let atPause = try sim.counts()
        try LDAPTools.resetPassword(ldap.uri, account: account, to: v2,
                                    admin: ldap.adminDN(forest), adminPasswordFile: ldap.rootPasswordFile)
        try #require(try cv.run(["set", forest, "--account", account, "--stdin"], stdin: v2 + "\n").status == 0)
        let pushed = try cv.run(["push", forest])
        #expect(pushed.status == 0, "\(pushed)")
        #expect(!FileManager.default.fileExists(atPath: paused))
        #expect(sim.waitForRuns(atPause.runs + 3))
        let counts = try sim.counts()
        #expect(counts.failed == 0, "\(counts)")
        let actions = try cv.auditEvents().filter { $0["connector"] as? String == "remote-sync" }.compactMap { $0["action"] as? String }
        #expect(Array(actions.suffix(5)) == ["pause", "push.written", "push.restarted", "push.healthy", "resume"], "\(actions)")
        for secret in [v1, v2] {
            #expect(!cv.transcript.contains { $0.stdout.contains(secret) || $0.stderr.contains(secret) })
            #expect(!ssh.log.contains(secret))
        }
        try sim.stop()
    }
}

import CredVault
import Foundation
import Testing
import TestSupport

/// `credvault rotate` and `credvault directory` end to end against a private slapd with TLS:
/// the real binary, the real directory, a file connector. Two URLs (LDAPS and StartTLS) name
/// the same server, so the replication wait runs too. Serialized: each test blocks a thread
/// on child processes, and a dozen at once starve the other suites' time limits on 2 cores.
@Suite("Rotation: slapd", .serialized, .timeLimit(.minutes(5)))
struct SlapdRotationTests {
    static let chain = ["rotate.pending", "rotate.changed", "rotate.verified", "rotate.replicated", "generate",
                        "rotate.committed", "push.written", "push.healthy", "rotate.pushed"]

    /// A slapd on free ports; another port pair if a busy machine took the first meanwhile.
    static func startSlapd() throws -> SlapdTLS {
        try HarnessProcess.firstStarting { _ in try SlapdTLS() }
    }

    private func bench(_ slapd: SlapdTLS) throws -> RotationBench {
        let password = String(decoding: try Data(contentsOf: slapd.state.appendingPathComponent("private/svc-contoso.com.pw")), as: UTF8.self)
        return try RotationBench(account: SlapdTLS.accountDN, password: password, urls: [slapd.ldapsURL, slapd.startTLSURL],
                                 caFile: slapd.caFile, kind: .openLDAP)
    }

    @Test("rotate: the new password binds, the old is refused, v2 is stored and pushed, the audit shows each step")
    func rotates() throws {
        let slapd = try Self.startSlapd()
        let bench = try bench(slapd)
        let old = try bench.current()
        let seq = try bench.lastSeq()
        let result = try bench.sandbox.run(["rotate", bench.forest, "--reason", "CHG-7"])
        #expect(result.status == 0, "\(result)")
        let new = try bench.current()
        #expect(new != old && new.count == PasswordGenerator.defaultLength)
        #expect(try bench.binds(new, url: slapd.ldapsURL) == .accepted)
        #expect(try bench.binds(new, url: slapd.startTLSURL) == .accepted)
        #expect(try bench.binds(old, url: slapd.ldapsURL) == .refused)
        #expect(try bench.connectorPassword() == new)
        #expect(try bench.auditActions(after: seq).filter { $0 != "get" } == Self.chain)
        let history = try bench.sandbox.run(["history", bench.forest])
        #expect(history.stdout.contains("CHG-7"))
        let verify = try bench.sandbox.run(["audit", "verify"])
        #expect(verify.status == 0, "\(verify)")
        #expect(!result.stdout.contains(new) && !result.stderr.contains(new))
    }

    @Test("rotate --dry-run prints the plan and changes nothing; --no-push commits without pushing")
    func dryRunAndNoPush() throws {
        let slapd = try Self.startSlapd()
        let bench = try bench(slapd)
        let before = try bench.state()
        let dry = try bench.sandbox.run(["rotate", bench.forest, "--dry-run"])
        #expect(dry.status == 0, "\(dry)")
        #expect(dry.stdout.contains("[dry run] would rotate contoso.com"))
        #expect(dry.stdout.contains("then push to: app"))
        #expect(try bench.state() == before)
        let old = try bench.current()
        let noPush = try bench.sandbox.run(["rotate", bench.forest, "--no-push", "--json"])
        #expect(noPush.status == 0, "\(noPush)")
        #expect(noPush.stdout.contains("\"steps\":[\"pending\",\"changed\",\"verified\",\"replicated\",\"committed\"]"))
        #expect(try bench.connectorPassword() == old)
        #expect(try bench.binds(try bench.current(), url: slapd.ldapsURL) == .accepted)
    }

    @Test("directory show, test and remove; test binds on every URL and changes nothing")
    func directoryCommands() throws {
        let slapd = try Self.startSlapd()
        let bench = try bench(slapd)
        let show = try bench.sandbox.run(["directory", "show", bench.forest, "--json"])
        #expect(show.status == 0)
        #expect(show.stdout.contains("\"urls\":[\"\(slapd.ldapsURL)\",\"\(slapd.startTLSURL)\"]"))
        #expect(show.stdout.contains("\"mac_ok\":true"))
        let before = try bench.state()
        let test = try bench.sandbox.run(["directory", "test", bench.forest])
        #expect(test.status == 0, "\(test)")
        #expect(test.stdout.split(separator: "\n").filter { $0.contains(": ok (") }.count == 2)
        #expect(try bench.state() == before)
        #expect(try bench.auditActions().last == "directory.test")
        let removed = try bench.sandbox.run(["directory", "remove", bench.forest])
        #expect(removed.status == 0)
        let gone = try bench.sandbox.run(["rotate", bench.forest])
        #expect(gone.status == 66)
        #expect(gone.stderrLines.count == 1 && gone.stderr.contains("no directory is set for forest contoso.com"))
    }

    @Test("refusals are one line with an exit code and change nothing: wrong CA (69), unreachable (69), wrong password (76)")
    func refusals() throws {
        let slapd = try Self.startSlapd()
        let bench = try bench(slapd)
        let old = try bench.current()
        let unused = try Fixtures.freePort()
        let cases: [(urls: [String], ca: String, code: Int32, words: String)] = [
            ([slapd.ldapsURL], slapd.otherCAFile, 69, "TLS with 127.0.0.1"),
            (["ldaps://127.0.0.1:\(unused)"], slapd.caFile, 69, "cannot reach the directory"),
        ]
        for refusal in cases {
            try bench.expectOK(bench.sandbox.run(["directory", "set", bench.forest, "--ca-file", refusal.ca, "--kind", "openldap"]
                                                 + refusal.urls.flatMap { ["--url", $0] }))
            let before = try bench.state()
            for command in [["rotate", bench.forest], ["directory", "test", bench.forest]] {
                let result = try bench.sandbox.run(command)
                #expect(result.status == refusal.code, "\(command): \(result)")
                #expect(result.stderrLines.count == 1 && result.stderr.contains(refusal.words), "\(result.stderr)")
            }
            #expect(try bench.state() == before)
        }
        try bench.expectOK(bench.sandbox.run(["directory", "set", bench.forest, "--ca-file", slapd.caFile, "--kind", "openldap",
                                              "--url", slapd.ldapsURL]))
        try bench.expectOK(bench.sandbox.run(["set", bench.forest, "--account", SlapdTLS.accountDN, "--stdin"], stdin: "Not-The-Pw-9!\n"))
        let before = try bench.state()
        let wrong = try bench.sandbox.run(["rotate", bench.forest])
        #expect(wrong.status == 76, "\(wrong)")
        #expect(wrong.stderrLines.count == 1 && wrong.stderr.contains("refuses the account's name or password"))
        #expect(try bench.state() == before)
        #expect(try bench.binds(old, url: slapd.ldapsURL) == .accepted)
    }

    @Test("SIGKILL after a step, then rotate --resume: 0 passwords lost, vault, directory and connector agree",
          arguments: ["pending", "changed", "verified", "replicated", "committed"])
    func killAndResume(step: String) throws {
        let slapd = try Self.startSlapd()
        let bench = try bench(slapd)
        let old = try bench.current()
        let paused = try bench.startPaused(after: step)
        let committed = step == "committed"
        #expect(try bench.current() == (committed ? bench.current() : old), "get returns the committed version")
        if !committed {
            #expect(try bench.current() == old)
            let status = try bench.sandbox.run(["status"])
            #expect(status.stdout.contains("contoso.com: rotation pending since "), "\(status)")
        }
        paused.kill()
        let blocked = try bench.sandbox.run(["rotate", bench.forest])
        if !committed {
            #expect(blocked.status == 75 && blocked.stderr.contains("rotate --resume contoso.com"), "\(blocked)")
        }
        let resumed = try bench.sandbox.run(["rotate", "--resume", bench.forest])
        #expect(resumed.status == 0, "\(resumed)")
        let held = try bench.current()
        #expect(try bench.binds(held, url: slapd.ldapsURL) == .accepted, "the directory holds the vault's password")
        #expect(try bench.connectorPassword() == held)
        #expect(!(try bench.sandbox.run(["status"]).stdout.contains("rotation pending")))
        if step != "pending" { #expect(held != old, "a change that reached the directory is kept") }
        #expect(try bench.sandbox.run(["audit", "verify"]).status == 0)
    }

    @Test("SIGKILL mid-push (a restart hook running), then rotate --resume: every connector ends on the new password")
    func killMidPush() throws {
        let slapd = try Self.startSlapd()
        let bench = try bench(slapd)
        let sandbox = bench.sandbox
        let hook = try sandbox.write("restart.sh", """
            [ -e \(sandbox.path("block")) ] || exit 0
            touch \(sandbox.path("reached"))
            while [ ! -e \(sandbox.path("go")) ]; do sleep 0.05; done
            """, mode: 0o700)
        let target = try sandbox.write("second.json", "{\"password\": \"\"}\n")
        try bench.expectOK(sandbox.run(["connector", "add", "svc", "--forest", bench.forest, "--file", target, "--format", "json",
                                        "--password-key", "password", "--restart", "/bin/sh \(hook)"]))
        try bench.expectOK(sandbox.run(["push", bench.forest]))
        try sandbox.write("block", "")
        let process = try sandbox.start(["rotate", bench.forest])
        let reached = eventually(deadline: 90, poll: 0.05) {
            FileManager.default.fileExists(atPath: sandbox.path("reached")) || !process.isRunning
        }
        #expect(reached && process.isRunning, "the restart hook never ran")
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        try FileManager.default.removeItem(atPath: sandbox.path("block"))
        try sandbox.write("go", "")
        let resumed = try sandbox.run(["rotate", "--resume", bench.forest])
        #expect(resumed.status == 0, "\(resumed)")
        let held = try bench.current()
        #expect(try bench.binds(held, url: slapd.ldapsURL) == .accepted)
        #expect(try bench.connectorPassword() == held)
        let second = (try JSONSerialization.jsonObject(with: sandbox.bytes("second.json")) as? [String: Any])?["password"] as? String
        #expect(second == held)
        #expect(!(try sandbox.run(["status"]).stdout.contains("yes")), "no restart left pending")
    }

    @Test("SIGKILL after the pending step with the change never sent: resume aborts, the old password stays")
    func resumeAborts() throws {
        let slapd = try Self.startSlapd()
        let bench = try bench(slapd)
        let old = try bench.current()
        let paused = try bench.startPaused(after: "pending")
        paused.kill()
        let resumed = try bench.sandbox.run(["rotate", "--resume", bench.forest, "--json"])
        #expect(resumed.status == 0, "\(resumed)")
        #expect(resumed.stdout.contains("\"decision\":\"abort\""))
        #expect(try bench.current() == old)
        #expect(try bench.auditActions().contains("rotate.aborted"))
    }

    @Test("a dependent whose restart is still pending blocks rotate and its dry run alike: 75, named, nothing changed")
    func restartPendingBlocks() throws {
        let slapd = try Self.startSlapd()
        let bench = try bench(slapd)
        let sandbox = bench.sandbox
        let target = try sandbox.write("svc.json", "{\"password\": \"\"}\n")
        try bench.expectOK(sandbox.run(["connector", "add", "svc", "--forest", bench.forest, "--file", target, "--format", "json",
                                        "--password-key", "password", "--restart", "/bin/true"]))
        // The current password typed into the target by hand: the service was never restarted onto it.
        let typed = try JSONSerialization.data(withJSONObject: ["password": try bench.current()])
        try typed.write(to: URL(fileURLWithPath: target))
        let before = try bench.state()
        for arguments in [["rotate", bench.forest, "--dry-run"], ["rotate", bench.forest]] {
            let refused = try sandbox.run(arguments)
            #expect(refused.status == 75, "\(refused)")
            #expect(refused.stderr.contains("svc (failed: its restart is still pending"), "\(refused)")
            #expect(refused.stderr.split(separator: "\n").count == 1, "\(refused)")
        }
        #expect(try bench.state() == before)
        #expect(try bench.binds(try bench.current(), url: slapd.ldapsURL) == .accepted)
    }

    @Test("a rotation journal edited in the database: resume refuses (65) and keeps the row")
    func tamperedJournal() throws {
        let slapd = try Self.startSlapd()
        let bench = try bench(slapd)
        try bench.startPaused(after: "changed").kill()
        let edit = try ProcessRunner.run("/usr/bin/sqlite3", [bench.sandbox.vaultPath, "UPDATE rotations SET state = 'verified'"])
        #expect(edit.status == 0)
        let resumed = try bench.sandbox.run(["rotate", "--resume", bench.forest])
        #expect(resumed.status == 65, "\(resumed)")
        #expect(resumed.stderrLines.count == 1 && resumed.stderr.contains("rotation journal of contoso.com was changed"))
        #expect(try bench.sandbox.run(["status"]).stdout.contains("rotation pending since"))
    }

    @Test("no password in argv, environment, output, audit, temp files or the database during rotate and directory")
    func noLeaks() throws {
        let slapd = try Self.startSlapd()
        let bench = try bench(slapd)
        let old = try bench.current()
        let new = "Known-Rotation-Pw-4!q"
        let vaultArg = ["--vault", bench.sandbox.vaultPath]
        let watch = ProcessLeakWatch(secrets: [old, new], marker: bench.sandbox.vaultPath)
        // The most verbose logging: a log line must not carry a password either.
        let trace = ["CREDVAULT_LOG_LEVEL": "trace"]
        let results = try watch.during {
            [try bench.sandbox.run(["directory", "test", bench.forest] + vaultArg, environment: trace),
             try bench.sandbox.run(["rotate", bench.forest, "--stdin", "--json"] + vaultArg, stdin: new + "\n", environment: trace),
             try bench.sandbox.run(["directory", "test", bench.forest, "--json"] + vaultArg, environment: trace),
             try bench.sandbox.run(["status", "--json"] + vaultArg, environment: trace),
             try bench.sandbox.run(["audit", "--json"] + vaultArg, environment: trace)]
        }
        #expect(results.allSatisfy { $0.status == 0 }, "\(results)")
        #expect(watch.leaks.isEmpty, "\(watch.leaks)")
        #expect(watch.sightings >= 1)
        #expect(try bench.current() == new)
        for result in results {
            #expect(!result.stdout.contains(new) && !result.stderr.contains(new) && !result.stdout.contains(old))
        }
        let bytes = try bench.sandbox.allFileBytes(except: ["connector.json"])
        for secret in [old, new] { #expect(bytes.range(of: Data(secret.utf8)) == nil, "plaintext in the sandbox's files") }
    }
}

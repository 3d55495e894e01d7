import Foundation
import Testing
import TestSupport
#if canImport(Glibc)
import Glibc
#endif

/// Quiesce hooks (issue 12): `connector add --pause/--resume/--role/--dc`, `connector pause`
/// and `connector resume`, and a push that pauses, writes, restarts, checks and resumes.
@Suite("Connector pause and resume hooks")
struct ConnectorQuiesceTests {
    /// A bench whose hooks are one script: `svc.sh CONNECTOR STEP` appends "CONNECTOR STEP" to
    /// hooks.log and fails (exit 2) while a file `fail-CONNECTOR-STEP` exists.
    final class Service {
        let bench: ConnectorBench
        let script: String

        init() throws {
            bench = try ConnectorBench()
            try bench.vault.set("contoso.com", password: "Quiesce-Pw-One-1")
            script = try bench.script("svc.sh", """
                echo "$1 $2" >> "\(bench.path("hooks.log"))"
                if [ -f "\(bench.path("fail-"))$1-$2" ]; then echo "$2 of $1 refused" >&2; exit 2; fi
                exit 0
                """)
        }

        func hook(_ connector: String, _ step: String) -> String { "\(script) \(connector) \(step)" }

        /// A keyvalue file connector with every hook, or without pause/resume.
        func add(_ name: String, role: String? = nil, quiesce: Bool = true, extra: [String] = []) throws {
            let target = try bench.file("\(name).properties", "password=old\n")
            var arguments = [name, "--forest", "contoso.com", "--file", target, "--format", "keyvalue", "--password-key", "password",
                             "--restart", hook(name, "restart"), "--health", hook(name, "health"), "--timeout", "5"]
            if quiesce { arguments += ["--pause", hook(name, "pause"), "--resume", hook(name, "resume")] }
            if let role { arguments += ["--role", role] }
            try bench.addConnector(arguments + extra)
        }

        func fail(_ connector: String, _ step: String, _ failing: Bool = true) throws {
            let path = bench.path("fail-\(connector)-\(step)")
            if failing { try bench.file("fail-\(connector)-\(step)", "") } else { try FileManager.default.removeItem(atPath: path) }
        }

        /// The hook calls so far, then forgets them.
        func calls() -> [String] {
            let lines = bench.read("hooks.log").split(separator: "\n").map(String.init)
            try? FileManager.default.removeItem(atPath: bench.path("hooks.log"))
            return lines
        }

        func paused(_ connector: String) throws -> Bool { try bench.status(connector)["paused"] as? Bool ?? false }
    }

    @Test("add stores pause, resume, role and DCs; show, list and status print them; the row MAC covers them")
    func storedAndShown() throws {
        let service = try Service()
        try service.add("active-sync", role: "active", extra: ["--dc", "ldaps://dc1.contoso.test", "--dc", "ldap://dc2.contoso.test:389"])
        let shown = try JSON.object(try service.bench.run(["connector", "show", "active-sync", "--json"]).stdout)
        #expect(shown["role"] as? String == "active")
        #expect(shown["pause_argv"] as? [String] == [service.script, "active-sync", "pause"])
        #expect(shown["resume_argv"] as? [String] == [service.script, "active-sync", "resume"])
        #expect(shown["dcs"] as? [String] == ["ldaps://dc1.contoso.test", "ldap://dc2.contoso.test:389"])
        let listed = try JSON.array(try service.bench.run(["connector", "list", "--json"]).stdout)
        #expect(listed.first?["role"] as? String == "active" && listed.first?["mac_ok"] as? Bool == true)
        let text = try service.bench.run(["connector", "show", "active-sync"]).stdout
        #expect(text.contains("role:      active") && text.contains("dc:        ldaps://dc1.contoso.test"))
        #expect(try service.bench.status("active-sync")["role"] as? String == "active")
        #expect(try service.bench.status("active-sync")["can_pause"] as? Bool == true)

        // Another role, or no service facts at all: the row no longer matches its MAC.
        for edit in ["UPDATE connectors SET service = replace(service, 'active', 'staging')", "UPDATE connectors SET service = NULL"] {
            let saved = try service.bench.vault.sqlite("SELECT service FROM connectors").stdout.trimmingCharacters(in: .newlines)
            _ = try service.bench.vault.sqlite(edit)
            let list = try JSON.array(try service.bench.run(["connector", "list", "--json"]).stdout)
            #expect(list.first?["mac_ok"] as? Bool == false, "\(edit)")
            #expect(try service.bench.run(["push", "contoso.com"]).status == 65)
            _ = try service.bench.vault.sqlite("UPDATE connectors SET service = '\(saved)'")
            #expect(try JSON.array(try service.bench.run(["connector", "list", "--json"]).stdout).first?["mac_ok"] as? Bool == true)
        }
    }

    @Test("a connector row from before migration v5 still verifies, and the migration adds what it needs")
    func olderRowsVerify() throws {
        let service = try Service()
        try service.add("plain-sync", quiesce: false)
        // Back to the v4-and-older layout: no service column, no pauses table, no v5 migration row.
        _ = try service.bench.vault.sqlite("""
            ALTER TABLE connectors DROP COLUMN service; DROP TABLE connector_pauses;
            DELETE FROM grdb_migrations WHERE identifier = 'v5-connector-quiesce';
            """)
        let listed = try JSON.array(try service.bench.run(["connector", "list", "--json"]).stdout)
        #expect(listed.first?["mac_ok"] as? Bool == true)
        #expect(try service.bench.vault.sqlite("SELECT COUNT(*) FROM connector_pauses").stdout.hasPrefix("0"))
        #expect(try service.bench.run(["push", "contoso.com"]).status == 0)
        #expect(service.calls() == ["plain-sync restart", "plain-sync health"])
    }

    @Test("add refuses a pause without a resume, a DC that is not an LDAP URL, a role with a space")
    func addRefusals() throws {
        let service = try Service()
        let target = try service.bench.file("t.properties", "password=old\n")
        let base = ["connector", "add", "x", "--forest", "contoso.com", "--file", target, "--format", "keyvalue", "--password-key", "password"]
        #expect(try service.bench.run(base + ["--pause", service.hook("x", "pause")]).status == 64)
        let badDC = try service.bench.run(base + ["--dc", "https://dc1.contoso.test"])
        #expect(badDC.status == 65 && badDC.stderr.contains("ldap://"))
        #expect(try service.bench.run(base + ["--role", "two words"]).status == 65)
        #expect(try service.bench.run(base + ["--pause", "/nonexistent/pause", "--resume", service.hook("x", "resume")]).status == 66)
        #expect(try service.bench.run(["connector", "list", "--json"]).stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "[]")
    }

    @Test("push runs pause, write, restart, health, resume in that order, each step audited")
    func pushPausesAroundTheRestart() throws {
        let service = try Service()
        try service.add("active-sync", role: "active")
        let dry = try service.bench.run(["push", "contoso.com", "--dry-run"])
        #expect(dry.stdout.contains("would pause with \(service.script) active-sync pause, then write"), "\(dry.stdout)")
        #expect(dry.stdout.contains("then resume with \(service.script) active-sync resume"), "\(dry.stdout)")
        #expect(service.calls().isEmpty)
        let push = try service.bench.run(["push", "contoso.com", "--json"])
        #expect(push.status == 0, "\(push.stdout) \(push.stderr)")
        #expect(service.calls() == ["active-sync pause", "active-sync restart", "active-sync health", "active-sync resume"])
        #expect(try service.bench.auditActions(connector: "active-sync")
                == ["connector.add:", "pause:", "push.written:1", "push.restarted:1", "push.healthy:1", "resume:"])
        let report = try JSON.array(push.stdout).first
        #expect(report?["quiesce"] as? [String] == ["paused active-sync", "resumed active-sync"])
        #expect((report?["steps"] as? [[String: Any]])?.compactMap { $0["step"] as? String }
                == ["pause", "write", "restart", "health", "resume"])
        #expect(try !service.paused("active-sync"))
        // --no-restart leaves the service alone: nothing to pause for.
        try service.bench.vault.set("contoso.com", password: "Quiesce-Pw-Two-2")
        #expect(try service.bench.run(["push", "contoso.com", "--no-restart"]).status == 0)
        #expect(service.calls().isEmpty)
    }

    @Test("a failed restart leaves the service paused, loudly (exit 3); the next push restarts and resumes it")
    func failedRestartStaysPaused() throws {
        let service = try Service()
        try service.add("active-sync")
        try service.fail("active-sync", "restart")
        let push = try service.bench.run(["push", "contoso.com"])
        #expect(push.status == 3)
        #expect(push.stderr.contains("WARNING: active-sync is still PAUSED"), "\(push.stderr)")
        #expect(service.calls() == ["active-sync pause", "active-sync restart"])
        let status = try service.bench.status("active-sync")
        #expect(status["paused"] as? Bool == true && status["paused_by"] as? String == "push")
        #expect(try service.bench.run(["status"]).stdout.contains("PAUSED since 20"))

        try service.fail("active-sync", "restart", false)
        let again = try service.bench.run(["push", "contoso.com"])
        #expect(again.status == 0, "\(again.stderr)")
        // Already paused: not paused again; restarted, checked, resumed.
        #expect(service.calls() == ["active-sync restart", "active-sync health", "active-sync resume"])
        #expect(try !service.paused("active-sync"))
    }

    @Test("a failed health check still resumes: the service restarted with the new password")
    func failedHealthResumes() throws {
        let service = try Service()
        try service.add("active-sync")
        try service.fail("active-sync", "health")
        #expect(try service.bench.run(["push", "contoso.com"]).status == 4)
        #expect(service.calls().last == "active-sync resume")
        #expect(try !service.paused("active-sync"))
    }

    @Test("a failed pause writes nothing (exit 75) and resumes the service")
    func failedPauseWritesNothing() throws {
        let service = try Service()
        try service.add("active-sync")
        try service.fail("active-sync", "pause")
        let push = try service.bench.run(["push", "contoso.com"])
        #expect(push.status == 75)
        #expect(push.stderr.contains("pause of active-sync failed"), "\(push.stderr)")
        #expect(service.bench.keyValue("active-sync.properties", "password") == "old")
        #expect(service.calls() == ["active-sync pause", "active-sync resume"])
        let outcomes = try service.bench.vault.sqlite(
            "SELECT action || ':' || outcome FROM audit_events WHERE action IN ('pause', 'resume') ORDER BY seq").stdout
        #expect(outcomes.split(separator: "\n") == ["pause:failed", "resume:ok"])
        #expect(try !service.paused("active-sync"))
    }

    @Test("connector pause --forest: when one pause fails, every service paused before it is resumed (exit 75)")
    func batchPauseUndoes() throws {
        let service = try Service()
        try service.add("a-active", role: "active")
        try service.add("b-staging", role: "staging")
        try service.add("c-plain", quiesce: false)
        try service.fail("b-staging", "pause")
        let pause = try service.bench.run(["connector", "pause", "--forest", "contoso.com"])
        #expect(pause.status == 75, "\(pause.stdout) \(pause.stderr)")
        #expect(service.calls() == ["a-active pause", "b-staging pause", "b-staging resume", "a-active resume"])
        #expect(try !service.paused("a-active") && !service.paused("b-staging"))

        try service.fail("b-staging", "pause", false)
        #expect(try service.bench.run(["connector", "pause", "--forest", "contoso.com"]).status == 0)
        #expect(service.calls() == ["a-active pause", "b-staging pause"])
        #expect(try service.paused("a-active") && service.paused("b-staging") && !service.paused("c-plain"))
        #expect(try service.bench.status("a-active")["paused_by"] as? String == "operator")
        let resume = try service.bench.run(["connector", "resume", "--forest", "contoso.com"])
        #expect(resume.status == 0 && resume.stdout.contains("resumed a-active") && resume.stdout.contains("resumed b-staging"))
        #expect(try !service.paused("a-active") && !service.paused("b-staging"))
    }

    @Test("a failed resume keeps the pause recorded (exit 3); resume names a connector without hooks as such")
    func failedResumeStaysRecorded() throws {
        let service = try Service()
        try service.add("active-sync")
        try service.add("plain-sync", quiesce: false)
        #expect(try service.bench.run(["connector", "pause", "active-sync"]).status == 0)
        try service.fail("active-sync", "resume")
        let resume = try service.bench.run(["connector", "resume", "active-sync"])
        #expect(resume.status == 3 && resume.stderr.contains("stays paused"), "\(resume.stderr)")
        #expect(try service.bench.status("active-sync")["resume_error"] as? String != nil)
        #expect(try service.bench.run(["status"]).stdout.contains("(resume failed)"))
        let doctor = try service.bench.run(["doctor", "contoso.com"])
        #expect(doctor.status == 1 && doctor.stdout.contains("paused by credvault since"), "\(doctor.stdout)")
        #expect(doctor.stdout.contains("credvault connector resume active-sync"), "\(doctor.stdout)")
        try service.fail("active-sync", "resume", false)
        #expect(try service.bench.run(["connector", "resume", "active-sync"]).status == 0)
        #expect(try !service.paused("active-sync"))
        let none = try service.bench.run(["connector", "pause", "plain-sync"])
        #expect(none.status == 66 && none.stderr.contains("has no pause hook"))
    }

    @Test("SIGKILL during a paused push's restart: status shows it paused; the next push restarts and resumes it")
    func killedWhilePaused() throws {
        let service = try Service()
        // The restart blocks the first time (recording its pid), and works from then on.
        let restart = try service.bench.script("restart.sh", """
            echo "$1 restart" >> "\(service.bench.path("hooks.log"))"
            if [ ! -f "\(service.bench.path("restart.pid"))" ]; then echo $$ > "\(service.bench.path("restart.pid"))"; exec sleep 300; fi
            """)
        let target = try service.bench.file("k.properties", "password=old\n")
        try service.bench.addConnector([
            "k", "--forest", "contoso.com", "--file", target, "--format", "keyvalue", "--password-key", "password",
            "--restart", "\(restart) k", "--health", service.hook("k", "health"),
            "--pause", service.hook("k", "pause"), "--resume", service.hook("k", "resume"), "--timeout", "300"])
        let push = try service.bench.vault.start(["push", "contoso.com"])
        defer { if push.isRunning { kill(push.processIdentifier, SIGKILL) } }
        #expect(eventually { !service.bench.read("restart.pid").isEmpty })
        let hook = ObservedProcess(pidFile: service.bench.path("restart.pid"))
        defer { hook.killIfRunning() }
        kill(push.processIdentifier, SIGKILL)
        push.waitUntilExit()
        hook.killIfRunning()

        let status = try service.bench.status("k")
        #expect(status["paused"] as? Bool == true && status["restart_pending"] as? Bool == true)
        let again = try service.bench.run(["push", "--all"])
        #expect(again.status == 0, "\(again.stderr)")
        #expect(service.calls() == ["k pause", "k restart", "k restart", "k health", "k resume"])
        #expect(try !service.paused("k"))
    }

    @Test("SIGKILL during the resume after a healthy push: the next push --all has nothing to write and resumes it")
    func killedBeforeResume() throws {
        let service = try Service()
        // The resume blocks the first time (recording its pid), and works from then on.
        let resume = try service.bench.script("resume.sh", """
            echo "$1 resume" >> "\(service.bench.path("hooks.log"))"
            if [ ! -f "\(service.bench.path("resume.pid"))" ]; then echo $$ > "\(service.bench.path("resume.pid"))"; exec sleep 300; fi
            """)
        let target = try service.bench.file("k.properties", "password=old\n")
        try service.bench.addConnector([
            "k", "--forest", "contoso.com", "--file", target, "--format", "keyvalue", "--password-key", "password",
            "--restart", service.hook("k", "restart"), "--health", service.hook("k", "health"),
            "--pause", service.hook("k", "pause"), "--resume", "\(resume) k", "--timeout", "300"])
        let push = try service.bench.vault.start(["push", "contoso.com"])
        defer { if push.isRunning { kill(push.processIdentifier, SIGKILL) } }
        #expect(eventually { !service.bench.read("resume.pid").isEmpty })
        let hook = ObservedProcess(pidFile: service.bench.path("resume.pid"))
        defer { hook.killIfRunning() }
        kill(push.processIdentifier, SIGKILL)
        push.waitUntilExit()
        hook.killIfRunning()

        let status = try service.bench.status("k")
        #expect(status["paused"] as? Bool == true && status["last_push_state"] as? String == "healthy", "\(status)")
        let again = try service.bench.run(["push", "--all"])
        #expect(again.status == 0, "\(again.stderr)")
        #expect(again.stdout.contains("an earlier push had left it paused"), "\(again.stdout)")
        #expect(service.calls() == ["k pause", "k restart", "k health", "k resume", "k resume"])
        #expect(try !service.paused("k"))
        // A pause an operator asked for is the operator's: push --all leaves it.
        #expect(try service.bench.run(["connector", "pause", "k"]).status == 0)
        #expect(try service.bench.run(["push", "--all"]).status == 0)
        #expect(try service.paused("k"))
    }
}

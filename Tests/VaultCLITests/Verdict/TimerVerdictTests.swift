import Foundation
import Testing
import TestSupport

/// Issue 13: a timer sees a broken service. `status`, `push --all`, `doctor --all` and
/// `check` exit with the code that names the worst connector problem.
@Suite("Exit codes name unhealthy, restart-pending and drifted connectors")
struct TimerVerdictTests {
    /// One forest with a keyvalue connector `name` whose restart appends to `name.restarts`
    /// and whose health check passes unless the file `name.sick` exists.
    static func addConnector(_ bench: ConnectorBench, _ name: String, forest: String, password: String) throws {
        try bench.vault.set(forest, account: "svc-\(name)", password: password)
        let target = try bench.file("\(name).properties", "password=old\n")
        let restart = try bench.script("\(name)-restart.sh", "echo r >> \(bench.path("\(name).restarts"))")
        let health = try bench.script("\(name)-health.sh", "[ ! -e \(bench.path("\(name).sick")) ]")
        try bench.addConnector([name, "--forest", forest, "--file", target, "--format", "keyvalue", "--password-key", "password",
                                "--restart", restart, "--health", health, "--timeout", "1"])
    }

    static func restarts(_ bench: ConnectorBench, _ name: String) -> Int {
        bench.read("\(name).restarts").split(separator: "\n").count
    }

    static func sicken(_ bench: ConnectorBench, _ name: String) throws {
        try bench.file("\(name).sick", "")
    }

    @Test("after a failed health check: push --all exits 4 and says so, status and doctor --all exit 4")
    func healthFailedIsSeen() throws {
        let bench = try ConnectorBench()
        try Self.addConnector(bench, "f2", forest: "f2.com", password: "F2-Password-1")
        try Self.sicken(bench, "f2")
        #expect(try bench.run(["push", "f2.com"]).status == 4)
        let again = try bench.run(["push", "--all"])
        #expect(again.status == 4, "\(again)")
        #expect(again.stderr.contains("last health check failed"), "\(again.stderr)")
        #expect(!again.stdout.contains("left alone"), "\(again.stdout)")
        #expect(Self.restarts(bench, "f2") == 1, "a reconcile must not restart a failing service again")
        let json = try JSON.array(try bench.run(["push", "--all", "--json"]).stdout)
        #expect(json.first?["outcome"] as? String == "health-failed")
        #expect(json.first?["exit_code"] as? Int == 4)

        let status = try bench.run(["status"])
        #expect(status.status == 4, "\(status)")
        let statusJSON = try bench.run(["status", "--json"])
        #expect(statusJSON.status == 4)
        let object = try JSON.object(statusJSON.stdout)
        #expect(object["verdict"] as? String == "health-failed")
        #expect(object["exit_code"] as? Int == 4)
        #expect((object["connectors"] as? [[String: Any]])?.first?["problem"] as? String == "health-failed")
        let doctor = try bench.run(["doctor", "--all"])
        #expect(doctor.status == 4, "\(doctor)")
        #expect(doctor.stdout.contains("[f2.com]"), "\(doctor.stdout)")
        #expect(try bench.run(["doctor", "f2.com"]).status == 1, "doctor FOREST keeps its documented 1")
    }

    @Test("a restart left pending: status, push --all --no-restart and doctor --all exit 5")
    func restartPendingIsSeen() throws {
        let bench = try ConnectorBench()
        try Self.addConnector(bench, "p", forest: "p.com", password: "Pending-Pw-1")
        #expect(try bench.run(["push", "p.com", "--no-restart"]).status == 0, "an explicit --no-restart push stays 0")
        #expect(try bench.run(["status"]).status == 5)
        #expect(try bench.run(["push", "--all", "--no-restart"]).status == 5)
        #expect(try bench.run(["doctor", "--all"]).status == 5)
        #expect(Self.restarts(bench, "p") == 0)
        // The timer's plain run does the pending restart and all is well again.
        #expect(try bench.run(["push", "--all"]).status == 0)
        #expect(Self.restarts(bench, "p") == 1)
        #expect(try bench.run(["status"]).status == 0)
        #expect(try bench.run(["doctor", "--all"]).status == 0)
    }

    @Test("a drifted target: status, doctor --all and check exit 6; push --all repairs it")
    func driftIsSeen() throws {
        let bench = try ConnectorBench()
        try Self.addConnector(bench, "d", forest: "d.com", password: "Drift-Pw-1")
        #expect(try bench.run(["push", "d.com"]).status == 0)
        try bench.file("d.properties", "password=set-by-hand\n")
        #expect(try bench.run(["status"]).status == 6)
        let status = try JSON.object(try bench.run(["status", "--json"]).stdout)
        #expect(status["verdict"] as? String == "drifted")
        #expect(try bench.run(["doctor", "--all"]).status == 6)
        let check = try bench.run(["check", "--all"])
        #expect(check.status == 6, "\(check)")
        #expect(check.stdout.contains("healthy; its target does not hold v1"), "\(check.stdout)")
        #expect(try bench.run(["push", "--all"]).status == 0)
        #expect(try bench.run(["status"]).status == 0)
    }

    @Test("check runs the health check now without writing, restarting or recording anything")
    func checkIsReadOnly() throws {
        let bench = try ConnectorBench()
        try Self.addConnector(bench, "c", forest: "c.com", password: "Check-Pw-1")
        #expect(try bench.run(["push", "c.com"]).status == 0)
        let before = try bench.vault.dump()
        let target = bench.read("c.properties")
        #expect(try bench.run(["check", "c.com"]).status == 0)
        try Self.sicken(bench, "c")
        let failing = try bench.run(["check", "--all", "--json"])
        #expect(failing.status == 4, "\(failing)")
        let result = try JSON.array(failing.stdout)
        #expect(result.first?["healthy"] as? Bool == false)
        #expect(result.first?["problem"] as? String == "health-failed")
        #expect(result.first?["exit_code"] as? Int == 4)
        #expect(try bench.vault.dump() == before, "check changed the vault")
        #expect(bench.read("c.properties") == target)
        #expect(Self.restarts(bench, "c") == 1)
        #expect(try bench.run(["check", "nosuch.com"]).status == 66)
    }

    @Test("a timer loop: push --all then doctor --all five times over a healthy, a failing and a drifted connector")
    func timerLoop() throws {
        let bench = try ConnectorBench()
        try Self.addConnector(bench, "healthy", forest: "a.com", password: "Healthy-Pw-1")
        try Self.addConnector(bench, "failing", forest: "b.com", password: "Failing-Pw-1")
        try Self.addConnector(bench, "drifted", forest: "c.com", password: "Drifted-Pw-1")
        try Self.sicken(bench, "failing")
        #expect(try bench.run(["push", "--all"]).status == 4)
        for round in 1...5 {
            // Someone sets the drifted service's password by hand before every run.
            try bench.file("drifted.properties", "password=hand-\(round)\n")
            let push = try bench.run(["push", "--all"])
            #expect(push.status == 4, "round \(round): \(push)")
            #expect(push.stderr.contains("failing: "), "round \(round): \(push.stderr)")
            let doctor = try bench.run(["doctor", "--all"])
            #expect(doctor.status == 4, "round \(round): \(doctor)")
        }
        #expect(Self.restarts(bench, "healthy") == 1, "the healthy service was restarted again")
        #expect(Self.restarts(bench, "failing") == 1, "a reconcile restarted the failing service again")
        #expect(Self.restarts(bench, "drifted") == 6, "each repaired drift restarts its service once")
    }
}

import Foundation
import Testing
import TestSupport

/// Issue 13: a password older than its maximum age is overdue. `list` and `status` show it,
/// their `--json` carries it, and `status`, `push --all`, `doctor --all` and `check` exit 7
/// unless a connector problem (a worse code) applies.
///
/// No clock is faked: the vault-wide maximum is 1 s and the test polls (with a deadline)
/// until the current versions are older than that; a forest's own 90d keeps it in order.
@Suite("Overdue passwords: shown, carried in JSON, exit 7")
struct PolicyVerdictTests {
    /// Two healthy keyvalue connectors, `a` (a.com) and `b` (b.com), pushed once; a vault-wide
    /// maximum of 1 s, b.com's own 90d; returns once a.com is overdue.
    static func overdueBench() throws -> ConnectorBench {
        let bench = try ConnectorBench()
        try TimerVerdictTests.addConnector(bench, "a", forest: "a.com", password: "Overdue-Pw-A1")
        try TimerVerdictTests.addConnector(bench, "b", forest: "b.com", password: "Overdue-Pw-B1")
        let push = try bench.run(["push", "--all"])
        guard push.status == 0 else { throw TestFailure("setup push failed: \(push)") }
        for arguments in [["policy", "set", "--max-age", "1s"], ["policy", "set", "b.com", "--max-age", "90d"]] {
            let result = try bench.run(arguments)
            guard result.status == 0 else { throw TestFailure("\(arguments) failed: \(result)") }
        }
        let overdue = try eventually(deadline: 20, poll: 0.2) {
            try forest("a.com", in: JSON.array(bench.run(["list", "--json"]).stdout))["overdue"] as? Bool == true
        }
        guard overdue else { throw TestFailure("a.com never became overdue") }
        return bench
    }

    static func forest(_ name: String, in objects: [[String: Any]]) throws -> [String: Any] {
        guard let found = objects.first(where: { $0["forest"] as? String == name }) else {
            throw TestFailure("no \(name) in \(objects)")
        }
        return found
    }

    @Test("status and list show the age against the policy; status --json carries the verdict")
    func statusAndList() throws {
        let bench = try Self.overdueBench()
        let status = try bench.run(["status"])
        #expect(status.status == 7, "\(status)")
        #expect(status.stdout.contains("MAX AGE"), "\(status.stdout)")
        let row = status.stdout.split(separator: "\n").first { $0.hasPrefix("a.com") }.map(String.init) ?? ""
        #expect(row.contains("OVERDUE by") && row.contains(" 1s "), "\(row)")
        let other = status.stdout.split(separator: "\n").first { $0.hasPrefix("b.com") }.map(String.init) ?? ""
        #expect(!other.contains("OVERDUE") && other.contains("90d"), "\(other)")

        let json = try bench.run(["status", "--json"])
        #expect(json.status == 7)
        let object = try JSON.object(json.stdout)
        #expect(object["verdict"] as? String == "overdue")
        #expect(object["exit_code"] as? Int == 7)
        let forests = object["forests"] as? [[String: Any]] ?? []
        let a = try Self.forest("a.com", in: forests), b = try Self.forest("b.com", in: forests)
        #expect(a["overdue"] as? Bool == true && a["max_age_seconds"] as? Int == 1)
        #expect((a["age_seconds"] as? Int ?? 0) >= 2)
        #expect(b["overdue"] as? Bool == false && b["max_age_seconds"] as? Int == 90 * 86_400, "the forest's own wins")

        let list = try bench.run(["list"])
        #expect(list.status == 0, "list reports, it does not judge")
        #expect(list.stdout.contains("OVERDUE by"), "\(list.stdout)")
    }

    @Test("doctor --all, check --all and push --all exit 7, and push --all restarts nothing")
    func timerCommands() throws {
        let bench = try Self.overdueBench()
        let doctor = try bench.run(["doctor", "--all"])
        #expect(doctor.status == 7, "\(doctor)")
        #expect(doctor.stdout.contains("[a.com]") && doctor.stdout.contains("rotate a.com"), "\(doctor.stdout)")
        let findings = try JSON.array(bench.run(["doctor", "--all", "--json"]).stdout)
        #expect(findings.contains { $0["kind"] as? String == "password-overdue" && $0["forest"] as? String == "a.com" })
        #expect(!findings.contains { $0["kind"] as? String == "password-overdue" && $0["forest"] as? String == "b.com" })
        #expect(try bench.run(["doctor", "a.com"]).status == 1, "doctor FOREST keeps its documented 1")

        let check = try bench.run(["check", "--all"])
        #expect(check.status == 7, "\(check)")
        #expect(check.stderr.contains("a.com: the password is") && !check.stderr.contains("b.com:"), "\(check.stderr)")

        let push = try bench.run(["push", "--all"])
        #expect(push.status == 7, "\(push)")
        #expect(push.stderr.contains("OVERDUE"), "\(push.stderr)")
        #expect(try bench.run(["push", "b.com"]).status == 0, "a push of one forest does not judge ages")
        #expect(TimerVerdictTests.restarts(bench, "a") == 1 && TimerVerdictTests.restarts(bench, "b") == 1)
    }

    @Test("a forest's own maximum overrides the vault-wide one; a connector problem outranks 7")
    func overrideAndOrdering() throws {
        let bench = try Self.overdueBench()
        #expect(try bench.run(["policy", "set", "a.com", "--max-age", "90d"]).status == 0)
        #expect(try bench.run(["status"]).status == 0)
        #expect(try bench.run(["doctor", "--all"]).status == 0)
        #expect(try bench.run(["policy", "clear", "a.com"]).status == 0)
        #expect(try bench.run(["status"]).status == 7, "back to the vault-wide 1 s")

        try bench.file("b.properties", "password=edited-by-hand\n")
        #expect(try bench.run(["status"]).status == 6, "a drifted target outranks an overdue password")
        #expect(try bench.run(["doctor", "--all"]).status == 6)
        let object = try JSON.object(bench.run(["status", "--json"]).stdout)
        #expect(object["verdict"] as? String == "drifted")
    }
}

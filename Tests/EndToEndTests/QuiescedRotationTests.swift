import Foundation
import Testing
import TestSupport
#if canImport(Glibc)
import Glibc
#endif

/// Issue 12's measurement: `credvault rotate` with two polling sync services, active on the
/// provider and staging on the consumer of a real syncrepl pair (refreshed every 3 s, so the
/// lag is real), each registered with pause and resume hooks. The rotation pauses both before
/// the directory changes, waits for the consumer, pushes and restarts each, and each push
/// resumes its service: 0 failed sync runs, counted by the services themselves.
@Suite("E2E: rotate with paused dependents costs 0 failed sync runs", .serialized, .timeLimit(.minutes(4)))
struct QuiescedRotationTests {
    static let forest = ReplicatedDirectory.forest

    /// One polling dependent on one replica, and its connector.
    struct Dependent {
        let role: String
        let properties: URL
        let sim: SyncSimulator
        var connector: String { "\(role)-sync" }

        init(_ role: String, server: String, password: String, scratch: VaultSandbox) throws {
            self.role = role
            properties = scratch.file("\(role)/connector.properties")
            try SyncSimulator.writeProperties(properties, forest: QuiescedRotationTests.forest, server: server,
                                              account: ReplicatedDirectory.accountDN, password: password)
            sim = try SyncSimulator(forest: QuiescedRotationTests.forest, state: scratch.file("\(role)/service"), properties: properties)
            try sim.startPolling(every: 200)
        }

        func add(_ cv: inout CredVaultCLI, dcs: [String] = []) throws {
            let result = try cv.run([
                "connector", "add", connector, "--forest", QuiescedRotationTests.forest, "--role", role,
                "--file", properties.path, "--format", "keyvalue", "--password-key", "password", "--account-key", "account",
                "--restart", sim.restartCommand, "--health", sim.healthCommand, "--timeout", "60",
                "--pause", sim.pauseCommand, "--resume", sim.resumeCommand] + dcs.flatMap { ["--dc", $0] })
            guard result.status == 0 else { throw TestFailure("connector add \(connector) failed: \(result)") }
        }

        var paused: Bool { FileManager.default.fileExists(atPath: sim.state.appendingPathComponent("paused").path) }
    }

    /// A syncrepl pair with TLS, a vault holding its password and its directory, and the two
    /// dependents (active -> provider, staging -> consumer), each seen running.
    struct Bench {
        let scratch: VaultSandbox
        let directory: ReplicatedDirectory
        let dependents: [Dependent]
        var cv: CredVaultCLI

        /// `directoryURLs`: the replicas `directory set` names; `stagingDC`: `--dc` for staging.
        init(_ label: String, directoryURLs: [ReplicatedDirectory.Replica] = ReplicatedDirectory.Replica.allCases,
             stagingDC: Bool = false) throws {
            scratch = try VaultSandbox(label, initialize: false)
            directory = try ReplicatedDirectory.start(in: scratch.folder, tls: true)
            let password = try directory.initialPassword()
            let (scratch, directory) = (scratch, directory)
            dependents = try [("active", ReplicatedDirectory.Replica.provider), ("staging", .consumer)].map {
                try Dependent($0.0, server: directory.uri($0.1), password: password, scratch: scratch)
            }
            cv = try CredVaultCLI(sandbox: scratch)
            let set = try cv.run(["set", QuiescedRotationTests.forest, "--account", ReplicatedDirectory.accountDN, "--stdin"],
                                 stdin: password + "\n")
            guard set.status == 0 else { throw TestFailure("set failed: \(set)") }
            let where_ = try cv.run(["directory", "set", QuiescedRotationTests.forest, "--kind", "openldap",
                                     "--ca-file", directory.caFile] + directoryURLs.flatMap { ["--url", String(directory.uri($0).dropLast())] })
            guard where_.status == 0 else { throw TestFailure("directory set failed: \(where_)") }
            for dependent in dependents {
                try dependent.add(&cv, dcs: stagingDC && dependent.role == "staging" ? [String(directory.uri(.consumer).dropLast())] : [])
            }
            // As an operator does after adding connectors: one push, which finds the targets
            // current and restarts (paused, resumed) each service once.
            let first = try cv.run(["push", "--all"])
            guard first.status == 0 else { throw TestFailure("the first push --all failed: \(first)") }
            for dependent in dependents where !dependent.sim.waitForRuns(3) {
                throw TestFailure("\(dependent.role) never ran")
            }
        }

        func stop() {
            for dependent in dependents { try? dependent.sim.stop() }
            directory.stop()
        }

        func counts() throws -> [SyncRunCounts] { try dependents.map { try $0.sim.counts() } }
    }

    @Test("rotate pauses active and staging, waits for the consumer, pushes, resumes: 0 failed runs, both on the new password")
    func rotationCostsNoFailedRuns() throws {
        var bench = try Bench("e2e-rotate-quiesce")
        defer { bench.scratch.assertNothingLeftRunning() }
        defer { bench.stop() }
        let old = try bench.directory.initialPassword()

        let rotated = try bench.cv.run(["rotate", Self.forest, "--replication-timeout", "60", "--reason", "CHG-12"])
        try #require(rotated.status == 0, "\(rotated)\n\(bench.dependents.map { $0.sim.log.suffix(3000) })")
        #expect(!bench.dependents.contains { $0.paused }, "a service was left paused")
        let afterRotation = try bench.counts()
        for (dependent, counts) in zip(bench.dependents, afterRotation) {
            #expect(dependent.sim.waitForRuns(counts.runs + 5), "\(dependent.role) did not run after the rotation")
        }
        for (dependent, counts) in zip(bench.dependents, try bench.counts()) {
            #expect(counts.failed == 0, "\(dependent.role) failed runs during the rotation: \(counts)")
        }
        let new = try bench.cv.run(["get", Self.forest, "--no-newline"]).stdout
        #expect(!new.isEmpty && new != old)
        for replica in ReplicatedDirectory.Replica.allCases {
            #expect(try bench.directory.canBind(replica, password: new), "\(replica) accepts the committed password")
        }

        // The story in the audit trail: both paused before the directory changed, each
        // resumed after its own push was healthy.
        let events = try bench.cv.auditEvents()
        let story = events.compactMap { event -> String? in
            guard let action = event["action"] as? String else { return nil }
            return (event["connector"] as? String).map { "\(action) \($0)" } ?? action
        }
        #expect(isSubsequence(["pause active-sync", "pause staging-sync", "rotate.changed", "rotate.replicated", "rotate.committed",
                               "push.healthy active-sync", "resume active-sync", "push.healthy staging-sync",
                               "resume staging-sync", "rotate.pushed"], of: story), "\(story)")
        #expect(try bench.cv.run(["audit", "verify"]).status == 0)
        for secret in [old, new] {
            #expect(Command.processes(matching: secret).isEmpty)
            #expect(!bench.dependents.contains { $0.sim.log.contains(secret) })
        }
    }

    @Test("staging failing its health check blocks the rotation, named; --skip staging-sync proceeds, audited")
    func failingDependentIsNamedOrSkipped() throws {
        var bench = try Bench("e2e-rotate-skip")
        defer { bench.scratch.assertNothingLeftRunning() }
        defer { bench.stop() }
        let old = try bench.directory.initialPassword()
        try bench.dependents[1].sim.stop()

        let refused = try bench.cv.run(["rotate", Self.forest])
        #expect(refused.status == 75, "\(refused)")
        #expect(refused.stderr.contains("staging-sync") && refused.stderr.contains("--skip"), "\(refused.stderr)")
        #expect(refused.stderr.split(separator: "\n").count == 1, "\(refused.stderr)")
        #expect(try bench.cv.run(["get", Self.forest, "--no-newline"]).stdout == old, "a refused rotation stored a password")
        #expect(try bench.directory.canBind(.provider, password: old), "a refused rotation changed the directory")
        #expect(!bench.dependents[0].paused, "a refused rotation left active paused")

        let eventsBefore = try bench.cv.auditEvents().count
        let skipped = try bench.cv.run(["rotate", Self.forest, "--skip", "staging-sync", "--replication-timeout", "60"])
        #expect(skipped.status == 0, "\(skipped)")
        let events = Array(try bench.cv.auditEvents().dropFirst(eventsBefore))
        #expect(events.contains { $0["action"] as? String == "connector.skip" && $0["connector"] as? String == "staging-sync" })
        #expect(!events.contains { ($0["action"] as? String)?.hasPrefix("push.") == true && $0["connector"] as? String == "staging-sync" },
                "the skipped connector was pushed")
        let active = try bench.counts()[0]
        #expect(bench.dependents[0].sim.waitForRuns(active.runs + 3))
        #expect(try bench.counts()[0].failed == 0, "active failed runs during the rotation")
    }

    @Test("SIGKILL after a step, then rotate --resume: both services end resumed, healthy, on the vault's password; 0 failed runs",
          arguments: ["pending", "changed", "verified", "replicated", "committed"])
    func killedRotationIsResumed(step: String) throws {
        var bench = try Bench("e2e-rotate-kill")
        defer { bench.scratch.assertNothingLeftRunning() }
        defer { bench.stop() }
        // The documented test knob: rotate waits on a FIFO once `step` is on disk.
        let fifo = bench.scratch.path("pause.fifo")
        try #require(mkfifo(fifo, 0o600) == 0)
        let errors = bench.scratch.path("rotate.err")
        let rotate = Process()
        rotate.executableURL = credvaultBinary
        rotate.arguments = ["rotate", Self.forest, "--replication-timeout", "60"]
        rotate.environment = bench.scratch.environment.merging([
            "PATH": "/usr/bin:/bin", "CREDVAULT_ROTATE_PAUSE_AFTER": step, "CREDVAULT_ROTATE_PAUSE_FIFO": fifo]) { $1 }
        rotate.standardOutput = FileHandle.nullDevice
        _ = FileManager.default.createFile(atPath: errors, contents: nil)
        rotate.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: errors))
        try rotate.run()
        defer { if rotate.isRunning { kill(rotate.processIdentifier, SIGKILL) } }
        var writer: Int32 = -1
        #expect(eventually(deadline: 90, poll: 0.05) {
            writer = open(fifo, O_WRONLY | O_NONBLOCK)
            return writer >= 0 || !rotate.isRunning
        })
        try #require(writer >= 0, "rotate did not reach \(step) (exit \(rotate.isRunning ? -1 : rotate.terminationStatus)): \(bench.scratch.read("rotate.err"))")
        kill(rotate.processIdentifier, SIGKILL)
        rotate.waitUntilExit()
        close(writer)

        let resumed = try bench.cv.run(["rotate", "--resume", Self.forest, "--replication-timeout", "60"])
        #expect(resumed.status == 0, "\(resumed)")
        #expect(!bench.dependents.contains { $0.paused }, "a service was left paused after --resume")
        let held = try bench.cv.run(["get", Self.forest, "--no-newline"]).stdout
        #expect(try bench.directory.canBind(.provider, password: held), "the directory holds the vault's password")
        let afterResume = try bench.counts()
        for (dependent, counts) in zip(bench.dependents, afterResume) {
            #expect(dependent.sim.waitForRuns(counts.runs + 3), "\(dependent.role) did not run after --resume")
            #expect(try dependent.sim.run() == "success", "\(dependent.role) is not healthy after --resume")
        }
        let final = try bench.counts()
        print("killed after \(step): failed runs active=\(final[0].failed) staging=\(final[1].failed)")
        #expect(final.allSatisfy { $0.failed == 0 }, "failed runs around a rotation killed after \(step): \(final)")
        #expect(try bench.cv.run(["audit", "verify"]).status == 0)
    }

    @Test("a pause slower than --max-pause abandons the rotation before the change: 75, nothing changed, all resumed")
    func slowPauseIsRefused() throws {
        var bench = try Bench("e2e-rotate-maxpause")
        defer { bench.scratch.assertNothingLeftRunning() }
        defer { bench.stop() }
        let old = try bench.directory.initialPassword()
        let staging = bench.dependents[1]
        let slow = try bench.scratch.write("slow-pause.sh", "#!/bin/bash\nsleep 3\nexec \(staging.sim.pauseCommand)\n", mode: 0o755)
        #expect(try bench.cv.run(["connector", "remove", staging.connector]).status == 0)
        let add = try bench.cv.run([
            "connector", "add", staging.connector, "--forest", Self.forest, "--role", "staging",
            "--file", staging.properties.path, "--format", "keyvalue", "--password-key", "password", "--account-key", "account",
            "--restart", staging.sim.restartCommand, "--health", staging.sim.healthCommand, "--timeout", "60",
            "--pause", slow, "--resume", staging.sim.resumeCommand])
        try #require(add.status == 0, "\(add)")

        let refused = try bench.cv.run(["rotate", Self.forest, "--max-pause", "1"])
        #expect(refused.status == 75, "\(refused)")
        #expect(refused.stderr.contains("--max-pause") && refused.stderr.split(separator: "\n").count == 1, "\(refused.stderr)")
        #expect(try bench.cv.run(["get", Self.forest, "--no-newline"]).stdout == old)
        #expect(try bench.directory.canBind(.provider, password: old), "the directory changed")
        #expect(!bench.dependents.contains { $0.paused }, "a service was left paused")
        #expect(!(try bench.cv.run(["status"]).stdout.contains("rotation pending")))
        #expect(try bench.counts().allSatisfy { $0.failed == 0 })
    }

    @Test("staging's own DC (--dc, not in the directory's URLs) is waited for before the push: 0 failed runs")
    func connectorDCIsWaitedFor() throws {
        var bench = try Bench("e2e-rotate-dc", directoryURLs: [.provider], stagingDC: true)
        defer { bench.scratch.assertNothingLeftRunning() }
        defer { bench.stop() }
        let rotated = try bench.cv.run(["rotate", Self.forest, "--replication-timeout", "60", "--json"])
        try #require(rotated.status == 0, "\(rotated)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(rotated.stdout.utf8)) as? [String: Any])
        let replicas = try #require(report["replicas"] as? [[String: Any]])
        let consumer = String(bench.directory.uri(.consumer).dropLast())
        #expect(replicas.contains { $0["url"] as? String == consumer && $0["accepted"] as? Bool == true }, "\(replicas)")
        let after = try bench.counts()
        for (dependent, counts) in zip(bench.dependents, after) {
            #expect(dependent.sim.waitForRuns(counts.runs + 3))
        }
        let final = try bench.counts()
        #expect(final.allSatisfy { $0.failed == 0 }, "\(final)")
    }
}

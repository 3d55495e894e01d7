import Foundation
import Testing
@testable import CredVault

/// The library API a rotation calls: pause every dependent of a forest, resume them, and the
/// readiness check that lists every dependent and refuses the change for one that is down.
@Suite("Quiescer and readiness check (library)")
struct QuiescerTests {
    /// A vault with contoso.com and a hook script `svc.sh CONNECTOR STEP` that logs the call and
    /// fails while `fail-CONNECTOR-STEP` exists.
    final class Bench {
        let lib: LibraryVault
        let script: String
        var vault: Vault { lib.vault }

        init() throws {
            lib = try LibraryVault()
            try lib.vault.set(forest: "contoso.com", account: "svc", password: TestBytes.secure("Quiescer-Pw-1!"))
            script = try lib.sandbox.write("svc.sh", """
                #!/bin/bash
                echo "$1 $2" >> "\(lib.sandbox.path("hooks.log"))"
                [ -f "\(lib.sandbox.path("fail-"))$1-$2" ] && { echo "no $2 for $1" >&2; exit 3; }
                exit 0
                """, mode: 0o755)
        }

        @discardableResult
        func add(_ name: String, role: String? = nil, quiesce: Bool = true, health: Bool = true) throws -> ConnectorConfig {
            let target = try lib.sandbox.write("\(name).properties", "password=old\n")
            var connector = ConnectorConfig(
                name: name, forest: "contoso.com", adapter: .file,
                file: FileTarget(path: target, format: .keyvalue, passwordKey: "password"), timeoutSeconds: 5)
            if health { connector.healthArgv = [script, name, "health"] }
            if quiesce {
                connector.pauseArgv = [script, name, "pause"]
                connector.resumeArgv = [script, name, "resume"]
            }
            connector.role = role
            return try vault.addConnector(connector)
        }

        func fail(_ connector: String, _ step: String) throws { _ = try lib.sandbox.write("fail-\(connector)-\(step)", "") }

        func calls() -> [String] {
            let lines = lib.sandbox.read("hooks.log").split(separator: "\n").map(String.init)
            try? FileManager.default.removeItem(atPath: lib.sandbox.path("hooks.log"))
            return lines
        }

        func actions() throws -> [String] {
            try vault.database.read { tx in
                try String.fetchAll(tx.db, sql: "SELECT action || ':' || IFNULL(connector, '') || ':' || outcome FROM audit_events ORDER BY seq")
            }
        }
    }

    @Test("pauseAll pauses every dependent with hooks, by name; resumeAll resumes the recorded ones")
    func pauseAndResumeAll() async throws {
        let bench = try Bench()
        try bench.add("b-staging", role: "staging")
        try bench.add("a-active", role: "active")
        try bench.add("c-plain", quiesce: false)
        let batch = try await Quiescer(vault: bench.vault).pauseAll(forest: "contoso.com", cause: .rotate)
        #expect(batch.succeeded && batch.paused == ["a-active", "b-staging"] && batch.withoutHooks == ["c-plain"])
        #expect(bench.calls() == ["a-active pause", "b-staging pause"])
        #expect(try bench.vault.pauses(forest: "contoso.com").map(\.cause) == [.rotate, .rotate])
        let steps = try await Quiescer(vault: bench.vault).resumeAll(forest: "contoso.com")
        #expect(steps.map(\.connector) == ["a-active", "b-staging"] && steps.allSatisfy(\.ok))
        #expect(try bench.vault.pauses().isEmpty)
        #expect(try bench.actions().suffix(4) == ["pause:a-active:ok", "pause:b-staging:ok", "resume:a-active:ok", "resume:b-staging:ok"])
    }

    @Test("a failed pause resumes it and every service paused before it; nothing stays recorded")
    func failedPauseUndoes() async throws {
        let bench = try Bench()
        for name in ["a", "b", "c"] { try bench.add(name) }
        try bench.fail("c", "pause")
        let batch = try await Quiescer(vault: bench.vault).pauseAll(forest: "contoso.com", cause: .rotate)
        #expect(!batch.succeeded && batch.failure?.connector == "c" && batch.paused.isEmpty && batch.stillPaused.isEmpty)
        #expect(bench.calls() == ["a pause", "b pause", "c pause", "c resume", "b resume", "a resume"])
        #expect(try bench.vault.pauses().isEmpty)
        #expect(batch.failure?.detail.contains("no pause for c") == true)
    }

    @Test("resumeAll with includeUnrecorded runs every resume hook (recovery after a kill mid-pause)")
    func resumeUnrecorded() async throws {
        let bench = try Bench()
        try bench.add("a")
        try bench.add("b")
        #expect(try await Quiescer(vault: bench.vault).resumeAll(forest: "contoso.com").isEmpty)
        let steps = try await Quiescer(vault: bench.vault).resumeAll(forest: "contoso.com", includeUnrecorded: true)
        #expect(steps.map(\.connector) == ["a", "b"] && steps.allSatisfy { $0.ok && !$0.wasRecorded })
    }

    @Test("readiness: a failing health check or a missing target blocks, named; --skip lets it through, audited")
    func readiness() async throws {
        let bench = try Bench()
        try bench.add("active-sync", role: "active")
        try bench.add("staging-sync", role: "staging")
        try bench.add("no-check", health: false)
        try bench.fail("staging-sync", "health")
        let check = ReadinessCheck(vault: bench.vault)
        let report = try await check.run(forest: "contoso.com", change: "rotate")
        #expect(report.connectors.map(\.state) == [.ready, .unchecked, .unreachable])
        #expect(report.blocking.map(\.connector) == ["staging-sync"])
        guard case .dependentsNotReady(let forest, let names)? = caughtError({ try report.requireReady() }) else {
            Issue.record("not refused")
            return
        }
        #expect(forest == "contoso.com" && names.count == 1 && names[0].hasPrefix("staging-sync (unreachable"))
        #expect(try !bench.actions().contains { $0.hasPrefix("connector.skip") })

        let skipped = try await check.run(forest: "contoso.com", skip: ["staging-sync"], change: "rotate")
        #expect(skipped.blocking.isEmpty && skipped.skipped == ["staging-sync"])
        #expect(caughtError({ try skipped.requireReady() }) == nil)
        #expect(try bench.actions().last == "connector.skip:staging-sync:ok")

        try FileManager.default.removeItem(atPath: bench.lib.sandbox.path("active-sync.properties"))
        let missing = try await check.run(forest: "contoso.com", skip: ["staging-sync"], change: "rotate")
        #expect(missing.blocking.map(\.connector) == ["active-sync"] && missing.blocking.first?.state == .unreachable)
        await #expect(throws: CredVaultError.missing(.connector("nobody"))) {
            _ = try await check.run(forest: "contoso.com", skip: ["nobody"], change: "rotate")
        }
    }

    @Test("a tampered connector is refused before any pause runs")
    func tamperedRefused() async throws {
        let bench = try Bench()
        try bench.add("a")
        try bench.add("b")
        try bench.lib.execute("UPDATE connectors SET timeout_seconds = 99 WHERE name = 'b'")
        await #expect(throws: CredVaultError.connectorTampered(connector: "b")) {
            _ = try await Quiescer(vault: bench.vault).pauseAll(forest: "contoso.com", cause: .rotate)
        }
        #expect(bench.calls().isEmpty)
    }
}

import GRDB
import Testing
@testable import CredVault

/// What a push does per connector, from what the target holds and the last push row.
@Suite("Push planner (library)")
struct PushPlannerTests {
    static let current = String(repeating: "c", count: 32)
    static let older = String(repeating: "a", count: 32)

    static let forest = Vault.ForestState(
        name: "contoso.com", account: "svc", currentVersion: 2, currentFingerprint: current,
        currentCreatedAt: "2026-11-25T13:00:00.000Z", versions: [(1, older), (2, current)])

    static func connector(hooks: Bool) -> ConnectorConfig {
        ConnectorConfig(
            name: "sync", forest: "contoso.com", adapter: .file,
            file: FileTarget(path: "/tmp/t.json", format: .json, passwordKey: "password"),
            restartArgv: hooks ? ["/bin/true"] : nil, healthArgv: hooks ? ["/bin/true"] : nil)
    }

    static func push(_ fingerprint: String, _ state: PushState, _ step: PushStep) throws -> PushRecord {
        let row: Row = [
            "id": 7, "connector": "sync", "forest": "contoso.com", "version": 2, "fingerprint": fingerprint,
            "kind": "push", "state": state.rawValue, "step": step.rawValue,
            "started_at": "2026-11-25T13:00:00.000Z", "updated_at": "2026-11-25T13:00:01.000Z", "error": nil,
        ]
        return try PushRecord(row: row)
    }

    static func decide(_ target: TargetReading, last: PushRecord?, hooks: Bool = true, reconcile: Bool = false) -> PushAction {
        PushPlanner.action(connector: connector(hooks: hooks), forest: forest, target: target, last: last, reconcile: reconcile)
    }

    @Test("a target holding an older version, or none, or gone, gets a push")
    func push() throws {
        #expect(Self.decide(TargetReading(fingerprint: Self.older, version: 1), last: nil) == .push)
        #expect(Self.decide(TargetReading(), last: nil) == .push)
        #expect(Self.decide(TargetReading(fingerprint: Self.current, version: 2, missing: true), last: nil) == .push)
    }

    @Test("the current version written but not restarted gets only the restart")
    func restartPending() throws {
        let target = TargetReading(fingerprint: Self.current, version: 2)
        #expect(Self.decide(target, last: try Self.push(Self.current, .written, .restart)) == .restart)
        #expect(Self.decide(target, last: try Self.push(Self.current, .failed, .restart)) == .restart)
        // Set by hand with hooks and never pushed: the restart was never run either.
        #expect(Self.decide(target, last: nil) == .restart)
    }

    @Test("the current version restarted and healthy is left alone")
    func nothing() throws {
        let target = TargetReading(fingerprint: Self.current, version: 2)
        #expect(Self.decide(target, last: try Self.push(Self.current, .healthy, .done)) == .none)
        #expect(Self.decide(target, last: nil, hooks: false) == .none)
    }

    @Test("a failed health check is retried by an explicit push, not by --all's reconcile")
    func healthFailed() throws {
        let target = TargetReading(fingerprint: Self.current, version: 2)
        let failed = try Self.push(Self.current, .failed, .health)
        #expect(Self.decide(target, last: failed) == .restart)
        #expect(Self.decide(target, last: failed, reconcile: true) == .none)
    }

    @Test("a push row with a state credvault never writes is damage")
    func malformedRow() throws {
        #expect(throws: CredVaultError.malformedRecord(table: "pushes", key: "7", column: "state")) {
            let row: Row = [
                "id": 7, "connector": "sync", "forest": "contoso.com", "version": 2, "fingerprint": Self.current,
                "kind": "push", "state": "exploded", "step": "done",
                "started_at": "x", "updated_at": "y", "error": nil,
            ]
            _ = try PushRecord(row: row)
        }
    }
}

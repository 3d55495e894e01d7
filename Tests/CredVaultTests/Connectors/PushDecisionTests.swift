import GRDB
import Testing
@testable import CredVault

/// `Pusher.decide`, the push planner: from what the target holds and the connector's last push
/// row, whether to write and restart, restart only, or leave the connector alone.
@Suite("push planner: Pusher.decide (library)")
struct PushDecisionTests {
    static let current = "fp-v2"
    static let forest = Vault.ForestState(
        name: "contoso.com", account: "svc", currentVersion: 2, currentFingerprint: current,
        currentCreatedAt: "2026-11-30T12:00:00.000Z", versions: [(1, "fp-v1"), (2, current)])

    static func connector(hooks: Bool) -> ConnectorConfig {
        ConnectorConfig(
            name: "kv", forest: "contoso.com", adapter: .file,
            file: FileTarget(path: "/srv/kv.properties", format: .keyvalue, passwordKey: "password"),
            restartArgv: hooks ? ["/bin/true"] : nil, healthArgv: hooks ? ["/bin/true"] : nil)
    }

    /// A `pushes` row as the database would return it.
    static func push(_ fingerprint: String, _ state: PushState, at step: PushStep) -> PushRecord {
        PushRecord(row: Row([
            "id": 1, "connector": "kv", "forest": "contoso.com", "version": fingerprint == current ? 2 : 1,
            "fingerprint": fingerprint, "kind": PushKind.push.rawValue, "state": state.rawValue, "step": step.rawValue,
            "started_at": "2026-11-30T12:00:00.000Z", "updated_at": "2026-11-30T12:00:01.000Z", "error": nil,
        ]))
    }

    static func decide(
        holds fingerprint: String?, missing: Bool = false, last: PushRecord?, hooks: Bool = true, reconcile: Bool
    ) -> PushAction {
        Pusher.decide(connector: connector(hooks: hooks), forest: forest,
                      target: Pusher.TargetReading(fingerprint: fingerprint, version: nil, missing: missing),
                      last: last, reconcile: reconcile)
    }

    @Test("a target without the current version is pushed, whatever the last push says", arguments: [true, false])
    func notCurrent(reconcile: Bool) {
        #expect(Self.decide(holds: "fp-v1", last: Self.push("fp-v1", .healthy, at: .done), reconcile: reconcile) == .push)
        #expect(Self.decide(holds: "typed-by-hand", last: nil, reconcile: reconcile) == .push)
        #expect(Self.decide(holds: nil, missing: true, last: Self.push(Self.current, .healthy, at: .done), reconcile: reconcile) == .push)
    }

    @Test("current and restarted: left alone by a reconcile and by an explicit push", arguments: [true, false])
    func currentAndHealthy(reconcile: Bool) {
        #expect(Self.decide(holds: Self.current, last: Self.push(Self.current, .healthy, at: .done), reconcile: reconcile) == .none)
        #expect(Self.decide(holds: Self.current, last: nil, hooks: false, reconcile: reconcile) == .none)
    }

    @Test("current but not restarted since: restart only", arguments: [true, false])
    func restartPending(reconcile: Bool) {
        #expect(Self.decide(holds: Self.current, last: Self.push(Self.current, .written, at: .restart), reconcile: reconcile) == .restart)
        #expect(Self.decide(holds: Self.current, last: Self.push(Self.current, .failed, at: .restart), reconcile: reconcile) == .restart)
        // Written by hand (no push row for this version) while the service has hooks.
        #expect(Self.decide(holds: Self.current, last: nil, reconcile: reconcile) == .restart)
        #expect(Self.decide(holds: Self.current, last: Self.push("fp-v1", .healthy, at: .done), reconcile: reconcile) == .restart)
    }

    @Test("restarted but the health check failed: an explicit push retries, a reconcile does not")
    func healthFailed() {
        let last = Self.push(Self.current, .failed, at: .health)
        #expect(Self.decide(holds: Self.current, last: last, reconcile: false) == .restart)
        #expect(Self.decide(holds: Self.current, last: last, reconcile: true) == .none)
    }
}

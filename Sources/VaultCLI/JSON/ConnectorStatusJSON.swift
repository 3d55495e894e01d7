import ArgumentParser
import CredVault

struct ConnectorStatusJSON: Encodable {
    let name: String
    let forest: String
    let adapter: String
    let target: String
    let target_state: String
    let target_version: Int?
    let target_error: String?
    let current_version: Int
    let last_push_state: String?
    let last_push_step: String?
    let last_push_version: Int?
    let last_push_kind: String?
    let last_push_at: String?
    let last_push_error: String?
    let restart_pending: Bool
    let health_failed: Bool
    let mac_ok: Bool

    init(_ status: ConnectorStatus) {
        name = status.name
        forest = status.forest
        adapter = status.adapter.rawValue
        target = status.target
        target_state = status.targetState.rawValue
        target_version = status.targetVersion
        target_error = status.targetError
        current_version = status.currentVersion
        last_push_state = status.lastPush?.state.rawValue
        last_push_step = status.lastPush?.step.rawValue
        last_push_version = status.lastPush?.version
        last_push_kind = status.lastPush?.kind.rawValue
        last_push_at = status.lastPush?.updatedAt
        last_push_error = status.lastPush?.error
        restart_pending = status.restartPending
        health_failed = status.healthFailed
        mac_ok = status.macValid
    }
}

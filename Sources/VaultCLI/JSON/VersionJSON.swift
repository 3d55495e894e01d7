import CredVault
import Foundation

/// JSON shapes of the read commands. Field names are part of the CLI contract.
struct VersionJSON: Encodable {
    let version: Int
    let created_at: String
    let actor: String
    let source: String
    let fingerprint: String
    let account: String
    let reason: String?
    let rolled_back_from: Int?
    let pushes: [PushJSON]

    struct PushJSON: Encodable {
        let connector: String
        let kind: String
        let state: String
        let started_at: String
        let updated_at: String
    }

    init(_ info: VersionInfo, pushes: [PushRecord] = []) {
        version = info.version
        created_at = info.createdAt
        actor = info.actor
        source = info.source.rawValue
        fingerprint = info.fingerprint.short
        account = info.account
        reason = info.reason
        rolled_back_from = info.rolledBackFrom
        self.pushes = pushes.map {
            PushJSON(connector: $0.connector, kind: $0.kind.rawValue, state: $0.state.rawValue,
                     started_at: $0.startedAt, updated_at: $0.updatedAt)
        }
    }
}

import CredVault
import Foundation

/// JSON shapes of the read commands. Field names are part of the CLI contract.
struct VersionJSON: Encodable {
    let version: Int
    let createdAt: String
    let actor: String
    let source: String
    let fingerprint: String
    let account: String
    let reason: String?
    let rolledBackFrom: Int?
    let pushes: [PushJSON]

    struct PushJSON: Encodable {
        let connector: String
        let kind: String
        let state: String
        let startedAt: String
        let updatedAt: String
    }

    init(_ info: VersionInfo, pushes: [PushRecord] = []) {
        version = info.version
        createdAt = info.createdAt
        actor = info.actor
        source = info.source.rawValue
        fingerprint = info.fingerprint.short
        account = info.account
        reason = info.reason
        rolledBackFrom = info.rolledBackFrom
        self.pushes = pushes.map {
            PushJSON(connector: $0.connector, kind: $0.kind.rawValue, state: $0.state.rawValue,
                     startedAt: $0.startedAt, updatedAt: $0.updatedAt)
        }
    }
}

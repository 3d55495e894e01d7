import ArgumentParser
import CredVault

struct ForestStatusJSON: Encodable {
    let forest: String
    let account: String
    let current_version: Int
    let fingerprint: String
    let current_since: String
    let age_seconds: Int
    /// How many connectors receive this forest's password (0: none is registered).
    let connectors: Int

    init(_ status: ForestStatus, connectors: Int) {
        self.connectors = connectors
        forest = status.forest
        account = status.account
        current_version = status.currentVersion
        fingerprint = status.fingerprint
        current_since = status.currentSince
        age_seconds = status.ageSeconds
    }
}

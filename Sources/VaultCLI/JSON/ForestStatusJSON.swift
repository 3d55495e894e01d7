import ArgumentParser
import CredVault

struct ForestStatusJSON: Encodable {
    let forest: String
    let account: String
    let currentVersion: Int
    let fingerprint: String
    let currentSince: String
    let ageSeconds: Int
    /// How many connectors receive this forest's password (0: none is registered).
    let connectors: Int

    init(_ status: ForestStatus, connectors: Int) {
        self.connectors = connectors
        forest = status.forest
        account = status.account
        currentVersion = status.currentVersion
        fingerprint = status.fingerprint
        currentSince = status.currentSince
        ageSeconds = status.ageSeconds
    }
}

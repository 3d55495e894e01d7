import ArgumentParser
import CredVault

struct ForestStatusJSON: Encodable {
    let forest: String
    let account: String
    let currentVersion: Int
    let fingerprint: String
    let currentSince: String
    let ageSeconds: Int
    /// The maximum age that applies (`credvault policy`), null when none does.
    let maxAgeSeconds: Int?
    let overdue: Bool
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
        maxAgeSeconds = status.maxAgeSeconds
        overdue = status.age.overdue
    }

    private enum CodingKeys: String, CodingKey {
        case forest, account, currentVersion, fingerprint, currentSince, ageSeconds, maxAgeSeconds, overdue, connectors
    }

    /// Synthesized except that a missing maximum is written as null, not left out.
    func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(forest, forKey: .forest)
        try container.encode(account, forKey: .account)
        try container.encode(currentVersion, forKey: .currentVersion)
        try container.encode(fingerprint, forKey: .fingerprint)
        try container.encode(currentSince, forKey: .currentSince)
        try container.encode(ageSeconds, forKey: .ageSeconds)
        try container.encode(maxAgeSeconds, forKey: .maxAgeSeconds)
        try container.encode(overdue, forKey: .overdue)
        try container.encode(connectors, forKey: .connectors)
    }
}

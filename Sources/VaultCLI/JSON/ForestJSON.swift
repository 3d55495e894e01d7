import CredVault
import Foundation

struct ForestJSON: Encodable {
    let forest: String
    let account: String
    let currentVersion: Int
    let updatedAt: String
    /// The current version's age, the maximum that applies (nil: none) and whether it is past it.
    let ageSeconds: Int
    let maxAgeSeconds: Int?
    let overdue: Bool

    init(_ summary: ForestSummary) {
        forest = summary.forest
        account = summary.account
        currentVersion = summary.currentVersion
        updatedAt = summary.updatedAt
        ageSeconds = summary.age.seconds
        maxAgeSeconds = summary.age.maxSeconds
        overdue = summary.age.overdue
    }

    /// The object as `Output.json` writes it (keys sorted, snake_case, compact, a missing maximum as null), built with the
    /// one JSON string codec so `list --json` can stream a large vault row by row.
    var json: String {
        "{\"account\":\(JSONStringCodec.quote(account)),\"age_seconds\":\(ageSeconds),\"current_version\":\(currentVersion),"
            + "\"forest\":\(JSONStringCodec.quote(forest)),\"max_age_seconds\":\(maxAgeSeconds.map(String.init) ?? "null"),"
            + "\"overdue\":\(overdue),\"updated_at\":\(JSONStringCodec.quote(updatedAt))}"
    }
}

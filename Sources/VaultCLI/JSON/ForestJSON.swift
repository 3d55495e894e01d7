import CredVault
import Foundation

struct ForestJSON: Encodable {
    let forest: String
    let account: String
    let currentVersion: Int
    let updatedAt: String

    init(_ summary: ForestSummary) {
        forest = summary.forest
        account = summary.account
        currentVersion = summary.currentVersion
        updatedAt = summary.updatedAt
    }

    /// The object as `Output.json` writes it (keys sorted, snake_case, compact), built with the
    /// one JSON string codec so `list --json` can stream a large vault row by row.
    var json: String {
        "{\"account\":\(JSONStringCodec.quote(account)),\"current_version\":\(currentVersion),"
            + "\"forest\":\(JSONStringCodec.quote(forest)),\"updated_at\":\(JSONStringCodec.quote(updatedAt))}"
    }
}

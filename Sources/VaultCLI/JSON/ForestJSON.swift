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

    /// Appends the object as `Output.json` writes it (keys sorted, snake_case, compact, a
    /// missing maximum as null), built with the one JSON string codec so `list --json` can
    /// stream a large vault row by row into one buffer.
    func append(to out: inout JSONBytes) {
        out.append("{\"account\":"); JSONStringCodec.appendQuoted(account, to: &out)
        out.append(",\"age_seconds\":"); out.appendDecimal(ageSeconds)
        out.append(",\"current_version\":"); out.appendDecimal(currentVersion)
        out.append(",\"forest\":"); JSONStringCodec.appendQuoted(forest, to: &out)
        out.append(",\"max_age_seconds\":")
        if let maxAgeSeconds { out.appendDecimal(maxAgeSeconds) } else { out.append("null") }
        out.append(overdue ? ",\"overdue\":true" : ",\"overdue\":false")
        out.append(",\"updated_at\":"); JSONStringCodec.appendQuoted(updatedAt, to: &out)
        out.append(UInt8(ascii: "}"))
    }
}

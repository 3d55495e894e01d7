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
}

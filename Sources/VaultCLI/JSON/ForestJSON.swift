import CredVault
import Foundation

struct ForestJSON: Encodable {
    let forest: String
    let account: String
    let current_version: Int
    let updated_at: String

    init(_ summary: ForestSummary) {
        forest = summary.forest
        account = summary.account
        current_version = summary.currentVersion
        updated_at = summary.updatedAt
    }
}

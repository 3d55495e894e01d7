import CredVault

/// JSON shape of a forest's directory (`directory show --json`).
struct DirectoryJSON: Encodable {
    let forest: String
    let kind: String
    let urls: [String]
    let caFile: String
    let account: String
    let mode: String
    let resetWith: String?
    let createdAt: String
    let macOk: Bool

    init(_ entry: DirectoryEntry) {
        let config = entry.config
        forest = config.forest
        kind = config.kind.rawValue
        urls = config.urls
        caFile = config.caFile
        account = config.account
        mode = config.mode.rawValue
        resetWith = config.resetWith
        createdAt = config.createdAt
        macOk = entry.macValid
    }
}

import CredVault

/// A rotation in flight as `status --json` shows it (never its password).
struct PendingRotationJSON: Encodable {
    let forest: String
    let state: String
    let mode: String
    let startedAt: String
    let updatedAt: String
    let baseVersion: Int
    let fingerprint: String
    let macOk: Bool

    init(_ journal: RotationJournal) {
        forest = journal.forest
        state = journal.state.rawValue
        mode = journal.mode.rawValue
        startedAt = journal.startedAt
        updatedAt = journal.updatedAt
        baseVersion = journal.baseVersion
        fingerprint = journal.fingerprint.short
        macOk = journal.macValid
    }
}

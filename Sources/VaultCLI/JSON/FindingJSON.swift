import ArgumentParser
import CredVault

struct FindingJSON: Encodable {
    let kind: String
    let connector: String?
    let message: String
    let fix: String?
    /// With `doctor --all`: the forest the finding is about.
    var forest: String?
    /// The connector problem the finding shows (as in `status --json`), or nil.
    var problem: String?
}

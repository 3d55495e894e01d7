import ArgumentParser
import CredVault

struct FindingJSON: Encodable {
    let kind: String
    let connector: String?
    let message: String
    let fix: String?
}

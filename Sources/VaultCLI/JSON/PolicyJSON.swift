import CredVault
import Foundation

/// JSON shape of the domain's password policy as read from the directory.
struct PolicyJSON: Encodable {
    let minimumLength: Int
    let complexityRequired: Bool
    let minimumAgeSeconds: Int
    let historyLength: Int
    let lockoutThreshold: Int
    let passwordLastSet: String?

    init(_ policy: DirectoryPolicy) {
        minimumLength = policy.minimumLength
        complexityRequired = policy.complexityRequired
        minimumAgeSeconds = Int(policy.minimumAge)
        historyLength = policy.historyLength
        lockoutThreshold = policy.lockoutThreshold
        passwordLastSet = policy.passwordLastSet?.formatted(.iso8601)
    }
}

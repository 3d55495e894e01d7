import CredVault
import Foundation

/// The domain's password policy in one line, as `directory test` and `rotate --dry-run` print it.
enum PolicyText {
    static func summary(_ policy: DirectoryPolicy) -> String {
        var parts = ["at least \(policy.minimumLength) characters"]
        if policy.complexityRequired { parts.append("3 of 4 character classes") }
        if policy.historyLength > 0 { parts.append("not one of the last \(policy.historyLength)") }
        parts.append(policy.minimumAge > 0 ? "minimum age \(duration(policy.minimumAge))" : "no minimum age")
        if policy.lockoutThreshold > 0 { parts.append("locks after \(policy.lockoutThreshold) wrong passwords") }
        var line = "policy: " + parts.joined(separator: ", ")
        if let lastSet = policy.passwordLastSet { line += "; password last set \(lastSet.formatted(.iso8601))" }
        if let expires = policy.passwordExpires { line += ", expires \(expires.formatted(.iso8601))" }
        return line
    }

    static func duration(_ seconds: TimeInterval) -> String {
        if seconds >= 86_400 { return "\(Int(seconds / 86_400)) d" }
        if seconds >= 3_600 { return "\(Int(seconds / 3_600)) h" }
        return "\(Int(seconds)) s"
    }
}

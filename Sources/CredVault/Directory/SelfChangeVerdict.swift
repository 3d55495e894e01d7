import Foundation

/// Whether the account may change its own password at a given time.
public enum SelfChangeVerdict: Equatable, Sendable {
    case allowed
    /// The domain's minimum password age forbids it until this time (a reset by an account with
    /// "Reset password" rights is not bound by it).
    case notBefore(Date)
}

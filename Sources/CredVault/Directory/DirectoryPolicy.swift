import Foundation

/// The domain's password policy as the directory states it (AD's domain object), with the
/// account's last change: what a new password must meet and when a self change is allowed.
public struct DirectoryPolicy: Equatable, Sendable {
    /// minPwdLength.
    public var minimumLength: Int
    /// pwdProperties bit 0 (DOMAIN_PASSWORD_COMPLEX): three of four character classes, and not
    /// the account name.
    public var complexityRequired: Bool
    /// minPwdAge in seconds (0: none).
    public var minimumAge: TimeInterval
    /// maxPwdAge in seconds; nil when passwords never expire.
    public var maximumAge: TimeInterval?
    /// pwdHistoryLength: how many previous passwords the domain refuses again.
    public var historyLength: Int
    /// lockoutThreshold: wrong binds before the account locks (0: never).
    public var lockoutThreshold: Int
    /// The account's pwdLastSet; nil when it is 0 (must change at next logon) or unknown.
    public var passwordLastSet: Date?

    /// DOMAIN_PASSWORD_COMPLEX in pwdProperties.
    static let complexityBit: Int64 = 1

    public init(
        minimumLength: Int, complexityRequired: Bool, minimumAge: TimeInterval, maximumAge: TimeInterval?,
        historyLength: Int, lockoutThreshold: Int, passwordLastSet: Date?
    ) {
        self.minimumLength = minimumLength
        self.complexityRequired = complexityRequired
        self.minimumAge = minimumAge
        self.maximumAge = maximumAge
        self.historyLength = historyLength
        self.lockoutThreshold = lockoutThreshold
        self.passwordLastSet = passwordLastSet
    }

    /// Reads the policy from AD's domain object and `account`'s pwdLastSet.
    init(domain: LDAPEntry, account: LDAPEntry?) {
        minimumLength = Int(domain.int64("minPwdLength") ?? 0)
        complexityRequired = ((domain.int64("pwdProperties") ?? 0) & DirectoryPolicy.complexityBit) != 0
        minimumAge = domain.int64("minPwdAge").flatMap(FileTime.interval) ?? 0
        let maximum = domain.int64("maxPwdAge").flatMap(FileTime.interval)
        maximumAge = maximum == 0 ? nil : maximum
        historyLength = Int(domain.int64("pwdHistoryLength") ?? 0)
        lockoutThreshold = Int(domain.int64("lockoutThreshold") ?? 0)
        passwordLastSet = account?.int64("pwdLastSet").flatMap(FileTime.date)
    }

    static let domainAttributes = [
        "minPwdLength", "pwdProperties", "minPwdAge", "maxPwdAge", "pwdHistoryLength", "lockoutThreshold",
    ]
    static let accountAttributes = ["pwdLastSet"]

    /// Whether the account may change its own password at `time`: AD refuses a self change
    /// younger than minPwdAge (counted from pwdLastSet).
    public func selfChange(at time: Date) -> SelfChangeVerdict {
        guard minimumAge > 0, let passwordLastSet else { return .allowed }
        let earliest = passwordLastSet.addingTimeInterval(minimumAge)
        return time >= earliest ? .allowed : .notBefore(earliest)
    }

    /// When the current password expires; nil if never.
    public var passwordExpires: Date? {
        guard let maximumAge, let passwordLastSet else { return nil }
        return passwordLastSet.addingTimeInterval(maximumAge)
    }
}

/// What a `set` checks before it stores a password, beyond the password itself: the account
/// is kept unless a change is asked for, and a recent password is not stored again unless
/// that is asked for. Without guards (`Vault.set`'s default) neither is checked, as import
/// and rollback need.
public struct SetGuards: Sendable, Equatable {
    /// How many recent versions a new password must differ from when the directory's
    /// password history length is not known (AD's default "Enforce password history").
    public static let defaultReuseWindow = 24

    /// A given account different from the forest's is stored (`--new-account`).
    public var accountMayChange: Bool
    /// A password one of the last `reuseWindow` versions had is stored (`--allow-reuse`).
    public var allowReuse: Bool
    /// The directory policy's history length when known, else `defaultReuseWindow`.
    public var reuseWindow: Int

    public init(accountMayChange: Bool = false, allowReuse: Bool = false, reuseWindow: Int = SetGuards.defaultReuseWindow) {
        self.accountMayChange = accountMayChange
        self.allowReuse = allowReuse
        self.reuseWindow = reuseWindow
    }
}

/// Why a guarded `set` stored nothing: facts only, the CLI words them with its flags.
public enum SetRefusal: Sendable, Equatable, CustomStringConvertible {
    /// The forest is new, so there is no account to keep: one must be given.
    case newForestNeedsAccount(forest: String)
    /// The account given is not the forest's, and the change was not asked for.
    case accountChange(forest: String, current: String, requested: String)
    /// The password is the one `version` already had, one of the last `window` versions.
    case reused(forest: String, version: Int, window: Int)

    public var description: String {
        switch self {
        case .newForestNeedsAccount(let forest):
            return "\(forest) is a new forest: give the account its password belongs to"
        case .accountChange(let forest, let current, let requested):
            return "\(forest)'s account is \(Validation.printable(current)), not \(Validation.printable(requested)); nothing was stored"
        case .reused(let forest, let version, _):
            return "this password is \(forest) version \(version)'s; nothing was stored"
        }
    }
}

/// Why a rotation was refused before it changed anything, or stopped part way: facts only
/// (names, times, outcomes), never a password. The CLI words them and picks the exit code.
public enum RotationProblem: Sendable, Equatable, CustomStringConvertible {
    /// The forest's directory row fails its MAC check (edited in the database).
    case directoryTampered(forest: String)
    /// The rotation journal's row fails its MAC check.
    case journalTampered(forest: String)
    /// A rotation of this forest is already in flight (since `since`): resume it first.
    case alreadyPending(forest: String, since: String)
    /// The domain's minimum password age forbids a self change until `notBefore` (RFC 3339).
    case tooYoung(forest: String, notBefore: String)
    /// The password given does not meet the domain's policy as read from the directory.
    case passwordBelowPolicy(minimumLength: Int, complexity: Bool)
    /// The password given is one of the forest's last `historyLength` versions (the domain's
    /// history; credvault checks it itself because a reset skips AD's check).
    case passwordInHistory(version: Int, historyLength: Int)
    /// These URLs did not accept the new password before the replication deadline.
    case replicationTimeout(forest: String, waiting: [String], seconds: Int)
    /// The directory accepted the change but the new password does not bind on the first URL.
    case changeUnconfirmed(forest: String, outcome: BindOutcome)
    /// Recovery could prove neither password: both are kept.
    case indeterminate(forest: String, pending: BindOutcome, current: BindOutcome?)
    /// Pausing the dependents took longer than `--max-pause` allows, before anything changed.
    case pausedTooLong(forest: String, seconds: Int, limit: Int)

    public var description: String {
        switch self {
        case .directoryTampered(let forest):
            return "the directory settings of \(forest) were changed in the database outside credvault (their MAC does not match)"
        case .journalTampered(let forest):
            return "the rotation journal of \(forest) was changed in the database outside credvault (its MAC does not match)"
        case .alreadyPending(let forest, let since):
            return "a rotation of \(forest) is pending since \(since)"
        case .tooYoung(let forest, let notBefore):
            return "the domain's minimum password age forbids changing \(forest)'s password before \(notBefore)"
        case .passwordBelowPolicy(let length, let complexity):
            return "the password does not meet the domain's policy (at least \(length) characters\(complexity ? ", 3 of 4 character classes" : ""))"
        case .passwordInHistory(let version, let length):
            return "the password is version \(version)'s, one of the last \(length) the domain's history refuses"
        case .replicationTimeout(let forest, let waiting, let seconds):
            return "\(waiting.joined(separator: ", ")) did not accept \(forest)'s new password within \(seconds) s"
        case .changeUnconfirmed(let forest, _):
            return "the directory accepted the change of \(forest)'s password but the new password does not bind"
        case .indeterminate(let forest, _, _):
            return "the directory accepts neither the pending nor the current password of \(forest)"
        case .pausedTooLong(let forest, let seconds, let limit):
            return "pausing the dependents of \(forest) took \(seconds) s, more than --max-pause \(limit) s"
        }
    }
}

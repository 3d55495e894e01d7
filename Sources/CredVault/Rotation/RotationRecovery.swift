/// Decides what to do with a rotation that was interrupted after its new password was stored
/// as pending: the directory says which password it holds. Pure: it neither stores nor binds;
/// the caller tries the candidate it is told to, once, and asks again with the outcome.
///
/// - The pending password binds: the change reached the directory -> finish (commit, push).
///   It is tried first, so a finished change costs no wrong bind.
/// - The pending one is refused and the committed one binds: the change never happened ->
///   abort (drop the pending password, audited).
/// - Anything else (both refused: replication or an outside change; or no answer): indeterminate,
///   both passwords kept and the operator told what was tried.
///
/// Each candidate is tried at most once per recovery: a wrong bind counts towards the domain's
/// lockout threshold, so recovery never loops over passwords.
public enum RotationRecovery {
    public enum Step: Equatable, Sendable {
        /// Bind with the pending password and call `next` again with its outcome.
        case tryPending
        /// Bind with the committed password and call `next` again with its outcome.
        case tryCurrent
        case decided(Decision)
    }

    public enum Decision: Equatable, Sendable {
        /// The directory holds the pending password: make it the next version and push it.
        case finish
        /// The directory still holds the committed password: the pending one was never used.
        case abort
        /// The directory's answers prove neither: keep both, report both outcomes.
        case indeterminate(pending: BindOutcome, current: BindOutcome?)
    }

    /// The next step given the outcomes so far (nil: not tried yet).
    public static func next(pending: BindOutcome?, current: BindOutcome?) -> Step {
        guard let pending else { return .tryPending }
        if pending == .accepted { return .decided(.finish) }
        guard let current else { return .tryCurrent }
        if pending == .refused, current == .accepted { return .decided(.abort) }
        return .decided(.indeterminate(pending: pending, current: current))
    }
}

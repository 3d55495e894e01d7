/// The steps of a rotation, in the order they run. Each step after `preflight` commits its
/// journal change with its audit event before the next starts, so a process killed anywhere
/// leaves a state `rotate --resume` can finish or undo.
///
/// Seams: dependents are paused between `store` and `change` (nothing has reached the
/// directory yet) and resumed after `push`; see `Rotator.beforeDirectoryChange` and
/// `Rotator.afterPushes`.
public enum RotationStep: String, Sendable, CaseIterable {
    /// Directory reachable, current password binds, policy read, connectors ready.
    case preflight
    /// The new password sealed in the journal (`rotate.pending`).
    case store = "pending"
    /// The change made on the first URL (`rotate.changed`).
    case change = "changed"
    /// The new password binds there, the old one is refused (`rotate.verified`).
    case verify = "verified"
    /// Every other URL accepts the new password (`rotate.replicated`).
    case replicate = "replicated"
    /// The pending password is the forest's next version (`rotate.committed`).
    case commit = "committed"
    /// Pushed to every connector of the forest (`rotate.pushed`).
    case push = "pushed"
}

/// How far a rotation got before it stopped, as the journal records it. Raw values are stored.
public enum RotationState: String, Sendable, Equatable {
    /// The new password is stored, encrypted; nothing was sent to the directory yet (or the
    /// change was sent and its answer never came back).
    case pending
    /// The directory accepted the change on the first URL.
    case changed
    /// The new password binds there and the old one is refused.
    case verified
}

/// How a rotation changes the password. Raw values are stored in the rotation journal.
public enum RotationMode: String, Sendable, Equatable {
    /// The account binds with its current password and changes its own (no rights needed).
    case selfChange = "self"
    /// A rotator account with "Reset password" on the account sets it without the old one.
    case reset
}

import ArgumentParser
import CredVault

struct StatusJSON: Encodable {
    let forests: [ForestStatusJSON]
    let connectors: [ConnectorStatusJSON]
    /// Rotations in flight (`rotate --resume` finishes or undoes each).
    let rotations: [PendingRotationJSON]
    /// The worst connector problem, else "overdue" when a password is older than its
    /// maximum age, else "ok"; and the code `status` exits with.
    let verdict: String
    let exitCode: Int32

    static let overdueVerdict = "overdue"
}

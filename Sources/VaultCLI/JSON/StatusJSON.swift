import ArgumentParser
import CredVault

struct StatusJSON: Encodable {
    let forests: [ForestStatusJSON]
    let connectors: [ConnectorStatusJSON]
    /// Rotations in flight (`rotate --resume` finishes or undoes each).
    let rotations: [PendingRotationJSON]
    /// The worst connector problem ("ok" when none) and the code `status` exits with.
    let verdict: String
    let exitCode: Int32
}

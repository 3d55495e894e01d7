/// What a caller left out.
public enum UsageProblem: Sendable, Equatable, CustomStringConvertible {
    /// A new vault needs a passphrase, a keyfile, or both.
    case newVaultNeedsCredential
    /// A push names a forest, or asks for all of them.
    case pushNeedsForestOrAll
    /// A file connector needs its file, format and password key.
    case fileConnectorNeedsTarget
    /// An exec connector needs its command.
    case execConnectorNeedsCommand
    /// A checkpoint given back is not a checkpoint line.
    case notACheckpointLine
    /// A connector has a pause hook without a resume hook, or the other way round.
    case pauseNeedsResume

    public var description: String {
        switch self {
        case .newVaultNeedsCredential: return "a new vault needs a passphrase or a keyfile"
        case .pushNeedsForestOrAll: return "a push needs a forest, or all forests"
        case .fileConnectorNeedsTarget: return "a file connector needs a file, a format and a password key"
        case .execConnectorNeedsCommand: return "an exec connector needs a command"
        case .pauseNeedsResume: return "a connector's pause and resume hooks come together: give both or neither"
        case .notACheckpointLine:
            return "not a checkpoint line; expected `\(AuditCheckpoint.prefix) seq=N mac=<64 hex digits>`"
        }
    }
}

/// Who paused a service: a push around its own restart, a rotation around the directory
/// change, or an operator (`connector pause`). Stored in `connector_pauses.cause`.
public enum PauseCause: String, Sendable, Equatable {
    case push
    case rotate
    case `operator`
}

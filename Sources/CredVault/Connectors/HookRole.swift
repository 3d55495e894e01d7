/// What a connector's command is for: delivering the password, restarting, checking health.
public enum HookRole: String, Sendable, Equatable {
    case exec, restart, health
}

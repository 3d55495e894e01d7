/// What a connector's command is for: delivering the password, restarting, checking health,
/// pausing and resuming the service's sync schedule.
public enum HookRole: String, Sendable, Equatable {
    case exec, restart, health, pause, resume
}

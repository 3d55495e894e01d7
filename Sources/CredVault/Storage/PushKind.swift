/// What a `pushes` row records: a push, a restart-only run, or a rollback push.
public enum PushKind: String, Sendable, Codable { case push, restart, rollback }

/// Where a push stands: the password written, the service restarted, healthy, or failed.
public enum PushState: String, Sendable, Codable { case written, restarted, healthy, failed }

/// How a connector delivers a password to its service.
public enum ConnectorAdapter: String, Sendable, Codable, CaseIterable {
    /// A properties file the service reads (json or keyvalue).
    case file
    /// A command that receives the password on its standard input.
    case exec
}

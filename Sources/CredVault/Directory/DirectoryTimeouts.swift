/// How long each step may take, in seconds: `connect` bounds the TCP connect and the TLS
/// handshake (LDAP_OPT_NETWORK_TIMEOUT), `operation` bounds the wait for each answer (bind,
/// search, modify, StartTLS; LDAP_OPT_TIMEOUT and ldap_result's timeout).
public struct DirectoryTimeouts: Equatable, Sendable {
    public var connect: Double
    public var operation: Double

    public init(connect: Double = 10, operation: Double = 30) {
        precondition(connect > 0 && operation > 0, "timeouts must be positive")
        self.connect = connect
        self.operation = operation
    }
}

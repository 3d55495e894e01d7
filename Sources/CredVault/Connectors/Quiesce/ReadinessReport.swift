/// Every dependent of a forest and whether it is ready for a change (a rotation).
public struct ReadinessReport: Sendable {
    public let forest: String
    /// Every connector of the forest, by name.
    public let connectors: [ConnectorReadiness]

    /// The connectors that stop the change: not ready and not skipped.
    public var blocking: [ConnectorReadiness] { connectors.filter(\.blocks) }
    public var skipped: [String] { connectors.filter(\.skipped).map(\.connector) }

    /// Throws `.dependentsNotReady` naming every blocking connector.
    public func requireReady() throws(CredVaultError) {
        let blocking = self.blocking
        guard blocking.isEmpty else {
            throw .dependentsNotReady(forest: forest, connectors: blocking.map { "\($0.connector) (\($0.state.rawValue): \($0.reason))" })
        }
    }
}

/// What one write-restart-health run delivers: which version, and how the hooks see it.
struct PushPayload {
    let version: Int
    let fingerprint: Fingerprint
    let kind: PushKind
    let environment: HookEnvironment

    init(connector: ConnectorConfig, forest: String, version: Int, fingerprint: Fingerprint, kind: PushKind) {
        self.version = version
        self.fingerprint = fingerprint
        self.kind = kind
        environment = HookEnvironment(forest: forest, connector: connector.name, version: version, fingerprint: fingerprint.short)
    }
}

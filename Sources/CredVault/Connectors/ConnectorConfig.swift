/// A connector: one forest bound to one target and its service's restart and health hooks.
public struct ConnectorConfig: Sendable, Equatable {
    public static let defaultTimeout = 60
    public static let timeoutRange = 1...3600

    public var name: String
    public var forest: String
    public var adapter: ConnectorAdapter
    /// Set for `.file` connectors.
    public var file: FileTarget?
    /// Set for `.exec` connectors: the command that reads the password from standard input.
    public var execArgv: [String]?
    public var restartArgv: [String]?
    public var healthArgv: [String]?
    public var timeoutSeconds: Int
    public var createdAt: String
    /// The quiesce hooks: `pause` returns once the service runs no sync and starts none,
    /// `resume` lets it sync again (for Azure AD Connect, `Set-ADSyncScheduler -SyncCycleEnabled`).
    public var pauseArgv: [String]?
    public var resumeArgv: [String]?
    /// A free label naming the dependent's part (`active`, `staging`), shown in `status`.
    public var role: String?
    /// The directory servers (LDAP URLs) this connector's service talks to.
    public var dcURLs: [String] = []

    public init(
        name: String, forest: String, adapter: ConnectorAdapter, file: FileTarget? = nil, execArgv: [String]? = nil,
        restartArgv: [String]? = nil, healthArgv: [String]? = nil, timeoutSeconds: Int = ConnectorConfig.defaultTimeout,
        createdAt: String = ""
    ) {
        self.name = name
        self.forest = forest
        self.adapter = adapter
        self.file = file
        self.execArgv = execArgv
        self.restartArgv = restartArgv
        self.healthArgv = healthArgv
        self.timeoutSeconds = timeoutSeconds
        self.createdAt = createdAt
    }

    /// True when the service can be paused around a change (a pause hook is configured).
    public var canPause: Bool { pauseArgv != nil }

    /// A one-line description of the target, for tables and messages.
    public var targetDescription: String {
        switch adapter {
        case .file: return file.map { "\($0.path) (\($0.format.rawValue))" } ?? "?"
        case .exec: return "exec " + CommandLineSplitter.display(execArgv ?? [])
        }
    }
}

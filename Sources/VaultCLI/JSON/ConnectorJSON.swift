import ArgumentParser
import CredVault

/// JSON shape of a connector (`connector list --json`, `connector show --json`), with its
/// service's recorded pause.
struct ConnectorJSON: Encodable {
    struct FileJSON: Encodable {
        let path: String
        let format: String
        let passwordKey: String
        let accountKey: String?
        /// What `connector add` pinned of the target (absent for connectors added before pinning).
        let pin: TargetPin?
    }

    let name: String
    let forest: String
    let adapter: String
    let file: FileJSON?
    let execArgv: [String]?
    let restartArgv: [String]?
    let healthArgv: [String]?
    let timeoutSeconds: Int
    let createdAt: String
    let macOk: Bool
    let pauseArgv: [String]?
    let resumeArgv: [String]?
    let role: String?
    let dcs: [String]
    /// While credvault holds the service paused: since when and by whom.
    let pausedSince: String?
    let pausedBy: String?

    init(_ entry: ConnectorEntry, pause: PauseRecord? = nil) {
        let config = entry.config
        name = config.name
        forest = config.forest
        adapter = config.adapter.rawValue
        file = config.file.map {
            FileJSON(path: $0.path, format: $0.format.rawValue, passwordKey: $0.passwordKey, accountKey: $0.accountKey, pin: $0.pin)
        }
        execArgv = config.execArgv
        restartArgv = config.restartArgv
        healthArgv = config.healthArgv
        timeoutSeconds = config.timeoutSeconds
        createdAt = config.createdAt
        macOk = entry.macValid
        pauseArgv = config.pauseArgv
        resumeArgv = config.resumeArgv
        role = config.role
        dcs = config.dcURLs
        pausedSince = pause?.since
        pausedBy = pause?.cause.rawValue
    }
}

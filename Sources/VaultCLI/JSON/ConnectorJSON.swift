import ArgumentParser
import CredVault

/// JSON shape of a connector (`connector list --json`, `connector show --json`).
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

    init(_ entry: ConnectorEntry) {
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
    }
}

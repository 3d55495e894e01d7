import ArgumentParser
import CredVault

/// JSON shape of a connector (`connector list --json`, `connector show --json`).
struct ConnectorJSON: Encodable {
    struct FileJSON: Encodable {
        let path: String
        let format: String
        let password_key: String
        let account_key: String?
    }

    let name: String
    let forest: String
    let adapter: String
    let file: FileJSON?
    let exec_argv: [String]?
    let restart_argv: [String]?
    let health_argv: [String]?
    let timeout_seconds: Int
    let created_at: String
    let mac_ok: Bool

    init(_ entry: ConnectorEntry) {
        let config = entry.config
        name = config.name
        forest = config.forest
        adapter = config.adapter.rawValue
        file = config.file.map {
            FileJSON(path: $0.path, format: $0.format.rawValue, password_key: $0.passwordKey, account_key: $0.accountKey)
        }
        exec_argv = config.execArgv
        restart_argv = config.restartArgv
        health_argv = config.healthArgv
        timeout_seconds = config.timeoutSeconds
        created_at = config.createdAt
        mac_ok = entry.macValid
    }
}

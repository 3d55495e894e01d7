import ArgumentParser
import CredVault

struct ConnectorCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "connector",
        abstract: "Manage connectors: where a forest's password is pushed, and how its service restarts.",
        discussion: """
            A connector binds one forest to one target (a properties file, or a command
            that reads the password on standard input) plus the service's restart hook and
            health check. Commands are one string split like a shell splits words, and
            never run through a shell.

            Examples:
              credvault connector add adsync --forest contoso.com \\
                  --file /etc/adsync/connector.json --format json \\
                  --password-key connectivity.password \\
                  --account-key connectivity.user \\
                  --restart 'systemctl restart adsync' \\
                  --health '/usr/local/bin/adsync-check --quick' --timeout 90
              credvault connector list
              credvault connector show adsync --json
              credvault connector remove adsync
            """,
        subcommands: [ConnectorAddCommand.self, ConnectorListCommand.self, ConnectorShowCommand.self, ConnectorRemoveCommand.self]
    )
}

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

import ArgumentParser
import CredVault

struct ConnectorCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "connector",
        abstract: "Manage connectors: where a forest's password is pushed, and how its service restarts.",
        discussion: """
            A connector binds one forest to one target (a properties file, or a command
            that reads the password on standard input) plus the service's restart hook and
            health check, and optionally the pause and resume hooks of its sync schedule.
            Commands are one string split like a shell splits words, and never run
            through a shell.

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
              credvault connector pause adsync      # its --pause hook
              credvault connector resume adsync
            """,
        subcommands: [
            ConnectorAddCommand.self, ConnectorChangeCommand.self, ConnectorListCommand.self, ConnectorShowCommand.self,
            ConnectorRemoveCommand.self, ConnectorPauseCommand.self, ConnectorResumeCommand.self,
        ]
    )
}

import ArgumentParser
import CredVault

extension TargetFormat: ExpressibleByArgument {}

struct ConnectorAddCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add",
        abstract: "Add a connector that receives a forest's password.",
        discussion: """
            Everything is checked before anything is stored: the name, that the forest is
            in the vault, that the file parses in its format and holds the keys, and that
            each command splits into words and names a program that exists. The
            connector's row is MACed with a key derived from the master key: a row edited
            in the database is refused.

            Examples:
              credvault connector add sync-props --forest contoso.com \\
                  --file /opt/sync/connector.properties --format keyvalue \\
                  --password-key password --account-key username \\
                  --restart '/opt/sync/bin/restart --wait' \\
                  --health '/opt/sync/bin/check' --timeout 60
              credvault connector add vault-agent --forest contoso.com \\
                  --exec '/usr/local/bin/set-password --stdin'
              credvault connector add staging-sync --forest contoso.com --role staging \\
                  --exec 'ssh sync2 /opt/sync/bin/set-password' \\
                  --restart 'ssh sync2 /opt/sync/bin/restart' \\
                  --health 'ssh sync2 /opt/sync/bin/check' \\
                  --pause 'ssh sync2 /opt/sync/bin/scheduler off --wait' \\
                  --resume 'ssh sync2 /opt/sync/bin/scheduler on' \\
                  --dc ldaps://dc1.contoso.com --dc ldaps://dc2.contoso.com

            --pause must return only once the service runs no sync and starts none;
            a push then pauses, writes, restarts, checks health and resumes.
            """
    )

    @OptionGroup var options: VaultOptions

    @Argument(help: "The connector's name (letters, digits, '.', '-', '_').")
    var name: String

    @Option(name: .long, help: "The AD forest whose password this connector receives.")
    var forest: String

    @OptionGroup var target: ConnectorTargetOptions

    @OptionGroup var service: ConnectorServiceOptions

    @Option(name: .long, help: ArgumentHelp("Seconds each hook may run, and the health check may keep retrying (1-3600).", valueName: "seconds"))
    var timeout: Int = ConnectorConfig.defaultTimeout

    @Flag(name: .long, help: "Write through --file when it is a symbolic link, wherever it points at push time (the target is otherwise pinned: same file, not a link).")
    var followSymlinks = false

    func validate() throws {
        if target.file != nil && target.exec != nil { throw ValidationError("Please choose one of --file and --exec.") }
        if target.file == nil && target.exec == nil { throw ValidationError("Please give --file (with --format and --password-key) or --exec.") }
        if target.file != nil {
            if target.format == nil { throw ValidationError("Please give --format json or --format keyvalue with --file.") }
            if target.passwordKey == nil { throw ValidationError("Please give --password-key with --file.") }
        } else if target.namesFileTarget || followSymlinks {
            throw ValidationError("Please use --format, --password-key, --account-key and --follow-symlinks only with --file.")
        }
        if (service.pause == nil) != (service.resume == nil) { throw ValidationError("Please give --pause and --resume together.") }
        if !ConnectorConfig.timeoutRange.contains(timeout) { throw ValidationError("Please give --timeout between 1 and 3600 seconds.") }
    }

    func run() throws {
        let connectorName = try Validation.connectorName(name)
        let forestName = try Validation.forest(forest)
        var connector = ConnectorConfig(
            name: connectorName, forest: forestName, adapter: target.exec == nil ? .file : .exec, timeoutSeconds: timeout)
        if let file = target.file, let format = target.format, let passwordKey = target.passwordKey {
            connector.file = FileTarget(
                path: file, format: format, passwordKey: passwordKey, accountKey: target.accountKey, followSymlinks: followSymlinks)
        }
        if let exec = target.exec { connector.execArgv = try CommandLineSplitter.split(exec) }
        if let restart = target.restart { connector.restartArgv = try CommandLineSplitter.split(restart) }
        if let health = target.health { connector.healthArgv = try CommandLineSplitter.split(health) }
        try service.apply(to: &connector)
        let added = try options.openVault().addConnector(connector)
        Terminal.write("Added connector \(added.name) for \(added.forest): \(added.targetDescription).\n")
    }
}

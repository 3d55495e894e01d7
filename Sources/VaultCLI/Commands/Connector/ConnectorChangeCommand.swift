import ArgumentParser
import CredVault

struct ConnectorChangeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "change",
        abstract: "Change a connector in place: its target, hooks, service facts, timeout or forest.",
        discussion: """
            Takes the options of `connector add`; what is not given stays. The result is
            checked as `connector add` checks a new connector, then stored with a
            `connector.change` audit event naming each field that changed, old and new.
            The push history stays. --file switches an exec connector to a file (give
            --format and --password-key), --exec a file connector to a command.
            --pause/--resume, --role and --dc replace what the connector has (--dc, given
            once or more, replaces the whole list); --no-pause removes both quiesce hooks,
            --no-role the role, --no-dc the DCs. A file connector keeps following symbolic
            links, or not, unless --follow-symlinks or --no-follow-symlinks says otherwise.

            Exit codes: 0 changed (or nothing to change), 64 usage, 65 a bad target,
            command or name, or a row edited outside credvault, 66 no such connector or
            forest, 77 cannot unlock the vault.

            Examples:
              credvault connector change adsync --health '/usr/local/bin/adsync-check --full'
              credvault connector change adsync --file /etc/adsync/new.json --timeout 120
              credvault connector change adsync --pause '/opt/sync/bin/scheduler off --wait' \\
                  --resume '/opt/sync/bin/scheduler on' --role active
              credvault connector change adsync --no-dc
            """
    )

    @OptionGroup var options: VaultOptions

    @Argument(help: "The connector's name.")
    var name: String

    @Option(name: .long, help: "The AD forest whose password this connector receives.")
    var forest: String?

    @OptionGroup var target: ConnectorTargetOptions

    @OptionGroup var service: ConnectorServiceOptions

    @Flag(name: .long, help: "Remove the pause and resume hooks.")
    var noPause = false

    @Flag(name: .long, help: "Remove the role.")
    var noRole = false

    @Flag(name: .long, help: "Remove the DCs.")
    var noDc = false

    @Flag(inversion: .prefixedNo, help: "Write through --file when it is a symbolic link (default: what the connector has).")
    var followSymlinks: Bool?

    @Option(name: .long, help: ArgumentHelp("Seconds each hook may run, and the health check may keep retrying (1-3600).", valueName: "seconds"))
    var timeout: Int?

    func validate() throws {
        if target.file != nil && target.exec != nil { throw ValidationError("Please choose one of --file and --exec.") }
        if target.exec != nil && (target.format != nil || target.passwordKey != nil || target.accountKey != nil) {
            throw ValidationError("Please use --format, --password-key and --account-key only with a file connector.")
        }
        if noPause && (service.pause != nil || service.resume != nil) { throw ValidationError("Please choose one of --no-pause and --pause/--resume.") }
        if noRole && service.role != nil { throw ValidationError("Please choose one of --no-role and --role.") }
        if noDc && !service.dc.isEmpty { throw ValidationError("Please choose one of --no-dc and --dc.") }
        if target.exec != nil && followSymlinks != nil { throw ValidationError("Please use --follow-symlinks only with a file connector.") }
        if let timeout, !ConnectorConfig.timeoutRange.contains(timeout) {
            throw ValidationError("Please give --timeout between 1 and 3600 seconds.")
        }
    }

    func run() throws {
        let result = try options.openVault().changeConnector(named: name) { (connector) throws(CredVaultError) in
            try apply(to: &connector)
        }
        let text = result.changed.isEmpty
            ? "Connector \(result.connector.name) already has that configuration; nothing changed."
            : "Changed connector \(result.connector.name) (\(result.changed.joined(separator: ", "))): \(result.connector.targetDescription)."
        Terminal.write(text + "\n")
    }

    /// The options given, over the connector's current configuration.
    private func apply(to connector: inout ConnectorConfig) throws(CredVaultError) {
        if let forest { connector.forest = try Validation.forest(forest) }
        if let exec = target.exec {
            connector.adapter = .exec
            connector.execArgv = try CommandLineSplitter.split(exec)
            connector.file = nil
        }
        if target.namesFileTarget {
            guard let path = target.file ?? connector.file?.path, let format = target.format ?? connector.file?.format,
                  let key = target.passwordKey ?? connector.file?.passwordKey else {
                throw .usage(.fileConnectorNeedsTarget)
            }
            connector.adapter = .file
            connector.file = FileTarget(
                path: path, format: format, passwordKey: key, accountKey: target.accountKey ?? connector.file?.accountKey,
                followSymlinks: followSymlinks ?? connector.file?.followSymlinks ?? false)
            connector.execArgv = nil
        } else if let followSymlinks {
            guard connector.file != nil else { throw .usage(.fileConnectorNeedsTarget) }
            connector.file?.followSymlinks = followSymlinks
        }
        if let restart = target.restart { connector.restartArgv = try CommandLineSplitter.split(restart) }
        if let health = target.health { connector.healthArgv = try CommandLineSplitter.split(health) }
        if let timeout { connector.timeoutSeconds = timeout }
        if noPause { (connector.pauseArgv, connector.resumeArgv) = (nil, nil) }
        if noRole { connector.role = nil }
        if noDc { connector.dcURLs = [] }
        try service.apply(to: &connector)
    }
}

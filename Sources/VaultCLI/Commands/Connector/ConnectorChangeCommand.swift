import ArgumentParser
import CredVault

struct ConnectorChangeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "change",
        abstract: "Change a connector in place: its target, hooks, timeout or forest.",
        discussion: """
            Takes the options of `connector add`; what is not given stays. The result is
            checked as `connector add` checks a new connector, then stored with a
            `connector.change` audit event naming each field that changed, old and new.
            The push history stays. --file switches an exec connector to a file (give
            --format and --password-key), --exec a file connector to a command.

            Exit codes: 0 changed (or nothing to change), 64 usage, 65 a bad target,
            command or name, or a row edited outside credvault, 66 no such connector or
            forest, 77 cannot unlock the vault.

            Examples:
              credvault connector change adsync --health '/usr/local/bin/adsync-check --full'
              credvault connector change adsync --file /etc/adsync/new.json --timeout 120
            """
    )

    @OptionGroup var options: VaultOptions

    @Argument(help: "The connector's name.")
    var name: String

    @Option(name: .long, help: "The AD forest whose password this connector receives.")
    var forest: String?

    @Option(name: .long, help: ArgumentHelp("The properties file to write.", valueName: "path"), completion: .file())
    var file: String?

    @Option(name: .long, help: "The file's format: json or keyvalue.")
    var format: TargetFormat?

    @Option(name: .long, help: ArgumentHelp("The key that holds the password (a dotted path for json).", valueName: "key"))
    var passwordKey: String?

    @Option(name: .long, help: ArgumentHelp("The key that names the account; a push refuses a file naming another account.", valueName: "key"))
    var accountKey: String?

    @Option(name: .long, help: ArgumentHelp("A command that reads the password on its standard input (instead of --file).", valueName: "cmd"))
    var exec: String?

    @Option(name: .long, help: ArgumentHelp("The command that restarts the service so it drops its cached password.", valueName: "cmd"))
    var restart: String?

    @Option(name: .long, help: ArgumentHelp("The command that exits 0 when the service works again.", valueName: "cmd"))
    var health: String?

    @Option(name: .long, help: ArgumentHelp("Seconds each hook may run, and the health check may keep retrying (1-3600).", valueName: "seconds"))
    var timeout: Int?

    func validate() throws {
        if file != nil && exec != nil { throw ValidationError("Please choose one of --file and --exec.") }
        if exec != nil && (format != nil || passwordKey != nil || accountKey != nil) {
            throw ValidationError("Please use --format, --password-key and --account-key only with a file connector.")
        }
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
        if let exec {
            connector.adapter = .exec
            connector.execArgv = try CommandLineSplitter.split(exec)
            connector.file = nil
        }
        if file != nil || format != nil || passwordKey != nil || accountKey != nil {
            guard let path = file ?? connector.file?.path, let format = format ?? connector.file?.format,
                  let key = passwordKey ?? connector.file?.passwordKey else {
                throw .usage(.fileConnectorNeedsTarget)
            }
            connector.adapter = .file
            connector.file = FileTarget(path: path, format: format, passwordKey: key, accountKey: accountKey ?? connector.file?.accountKey)
            connector.execArgv = nil
        }
        if let restart { connector.restartArgv = try CommandLineSplitter.split(restart) }
        if let health { connector.healthArgv = try CommandLineSplitter.split(health) }
        if let timeout { connector.timeoutSeconds = timeout }
    }
}

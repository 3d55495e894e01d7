import ArgumentParser
import CredVault

/// Where a connector writes the password and the hooks around it: the options
/// `connector add` and `connector change` share (same names, same help).
struct ConnectorTargetOptions: ParsableArguments {
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

    /// Whether any file-target option is given.
    var namesFileTarget: Bool { file != nil || format != nil || passwordKey != nil || accountKey != nil }
}

import ArgumentParser
import CredVault

/// What a connector knows about the service behind it: the hooks that pause and resume its
/// sync schedule, its role and the DCs it talks to. `connector add` and `connector change`
/// share these options (same names, same help); change replaces only what is given.
struct ConnectorServiceOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The command that stops the service's sync schedule and returns once no sync runs (needs --resume).", valueName: "cmd"))
    var pause: String?

    @Option(name: .long, help: ArgumentHelp("The command that starts the service's sync schedule again (needs --pause).", valueName: "cmd"))
    var resume: String?

    @Option(name: .long, help: ArgumentHelp("A label for the dependent's part, shown in status (e.g. active, staging).", valueName: "label"))
    var role: String?

    @Option(name: .long, help: ArgumentHelp("A DC the service talks to, as ldap:// or ldaps:// URL (repeat for each).", valueName: "url"))
    var dc: [String] = []

    /// The given options over `connector`'s service facts: each one given replaces its field.
    func apply(to connector: inout ConnectorConfig) throws(CredVaultError) {
        if let pause { connector.pauseArgv = try CommandLineSplitter.split(pause) }
        if let resume { connector.resumeArgv = try CommandLineSplitter.split(resume) }
        if let role { connector.role = role }
        if !dc.isEmpty { connector.dcURLs = dc }
    }
}

import CredVault

/// Failures the CLI itself finds, or outcomes a command has already reported and that only
/// decide the exit code. `ErrorPresenter` words them and picks their codes.
enum CLIFailure: Error, Equatable {
    /// A secret must be typed, but there is no terminal; `instead` names the options that give it.
    case noTerminal(what: String, instead: String)
    case cannotDisableEcho
    /// No keyfile was given, and the vault has no passphrase slot to prompt for.
    case noPassphraseSlot(vault: String)
    /// The first word names no subcommand (argument-parser would call it an unexpected argument).
    case unknownCommand(String)
    /// `--version` after a subcommand: the tool's version is `credvault --version` only.
    case toolVersionAfterSubcommand(String)
    /// `status` found a connector row edited outside credvault.
    case tamperedConnectorInStatus(connector: String, forest: String)
    /// `connector show` printed a connector whose row was edited outside credvault.
    case tamperedConnectorInShow(connector: String)
    /// `doctor` found a connector row of `forest` edited outside credvault.
    case tamperedConnectorInDoctor(forest: String)
    /// `doctor` printed its findings and some are problems.
    case doctorFoundProblems
    /// `push` printed its reports; the exit code follows from them.
    case pushReported(code: Int32)
    /// A command printed its results, among them `error`: the exit code is the error's.
    case alreadyReported(CredVaultError)
    /// `status`, `doctor --all` or `check` printed the state; the code names the worst problem.
    case stateReported(code: Int32)
}

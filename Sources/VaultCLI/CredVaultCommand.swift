import ArgumentParser
import CredVault
import Logging
#if canImport(Glibc)
import Glibc
#endif

@main
struct CredVaultCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "credvault",
        abstract: "Keep AD DS service-account passwords encrypted, push them to sync connectors, and audit every step.",
        discussion: """
            A first session:
              credvault init --keyfile-out ~/.config/credvault/key
              export CREDVAULT_KEYFILE=~/.config/credvault/key
              printf '%s\\n' "$NEW_PASSWORD" |
                credvault set contoso.com --account 'CONTOSO\\svc-adsync' --stdin
              credvault history contoso.com
              credvault get contoso.com

            Exit codes: 0 ok, 1 other failure, 3 pushed but restart failed, 4 restarted
            but health check failed, 5 a restart is pending, 6 a target drifted from the
            current version (status, check, push --all, doctor --all), 7 a password is
            older than its maximum age (the same commands, when no connector is worse), 64 usage, 65 bad data or integrity failure, 66 no
            such vault/forest/connector/version, 70 internal error (crash), 73 cannot
            create, 69 directory unreachable, 74 I/O error, 75 busy (try again), 76
            directory refused, 77 cannot unlock or insecure permissions.
            """,
        version: "0.1.0",
        subcommands: [
            InitCommand.self, SetCommand.self, GetCommand.self, ListCommand.self, HistoryCommand.self,
            RollbackCommand.self, ImportCommand.self,
            ConnectorCommand.self, PushCommand.self, StatusCommand.self, DoctorCommand.self, CheckCommand.self,
            DirectoryCommand.self, RotateCommand.self, PolicyCommand.self,
            AuditCommand.self,
            KeysCommand.self, KeyfileCommand.self, PassphraseCommand.self, RekeyCommand.self, BackupCommand.self, RestoreCommand.self,
        ]
    )

    /// The one place where errors become exit codes and a single line on stderr.
    static func main() async {
        ProcessHardening.apply()
        CrashGuard.install()
        Terminal.installSignalRestore()
        bootstrapLogging()
        do {
            let arguments = Array(CommandLine.arguments.dropFirst())
            // Plainly typed get and set skip argument-parser's reflection (HotCommandLine.swift).
            // Both are synchronous: they run without the cast to AsyncParsableCommand, whose
            // "no" scans every conformance record of the binary (0.5 M instructions).
            if var hot = HotCommandLine.command(arguments[...]) {
                try hot.run()
            } else {
                var command = try CredVaultCommand.parseAsRoot(arguments)
                if var asyncCommand = command as? any AsyncParsableCommand {
                    try await asyncCommand.run()
                } else {
                    try command.run()
                }
            }
        } catch let error as CredVaultError {
            Terminal.printError(ErrorPresenter.line(for: error))
            Glibc.exit(ErrorPresenter.exitCode(for: error))
        } catch let failure as CLIFailure {
            if let line = ErrorPresenter.line(for: failure) { Terminal.printError(line) }
            Glibc.exit(ErrorPresenter.exitCode(for: failure))
        } catch let code as ExitCode {
            // A command that has already reported (push's 3 and 4, doctor's findings) just exits.
            Glibc.exit(code.rawValue)
        } catch {
            // Help and --version print in full; a usage mistake gets one line and exit 64.
            let code = exitCode(for: error)
            if code == .success, let command = versionAfterSubcommand(error, CommandLine.arguments.dropFirst()) {
                let failure = CLIFailure.toolVersionAfterSubcommand(command)
                Terminal.printError(ErrorPresenter.line(for: failure) ?? command)
                Glibc.exit(ErrorPresenter.exitCode(for: failure))
            }
            guard code != .success else { exit(withError: error) }
            if let word = unknownSubcommand(in: CommandLine.arguments.dropFirst()) {
                let failure = CLIFailure.unknownCommand(word)
                Terminal.printError(ErrorPresenter.line(for: failure) ?? word)
                Glibc.exit(ErrorPresenter.exitCode(for: failure))
            }
            let message = message(for: error)
                .split(separator: "\n").first.map(String.init) ?? "invalid usage"
            Terminal.printError("\(message.trimmingPrefix("Error: ")) (see --help)")
            Glibc.exit(code.rawValue)
        }
    }

    /// The first word of `arguments` when it is neither an option nor a subcommand's name, so
    /// `credvault replicate contoso.com` says which word is wrong instead of "2 unexpected arguments".
    private static func unknownSubcommand(in arguments: ArraySlice<String>) -> String? {
        guard let word = arguments.first, !word.hasPrefix("-"), word != "help" else { return nil }
        let known = configuration.subcommands.map { $0._commandName }
        return known.contains(word) ? nil : word
    }

    /// The subcommand when argument-parser took a `--version` after it as the tool's version
    /// (`credvault set F --version`): only `credvault --version` prints that.
    private static func versionAfterSubcommand(_ error: Error, _ arguments: ArraySlice<String>) -> String? {
        guard let first = arguments.first, first != "--version", arguments.contains("--version"),
              fullMessage(for: error) == configuration.version else { return nil }
        return first
    }

    /// Log lines go to stderr; CREDVAULT_LOG_LEVEL (trace, debug, info, notice, warning, error)
    /// says how many. Default: warnings and worse.
    private static func bootstrapLogging() {
        let requested = getenv("CREDVAULT_LOG_LEVEL").map { String(cString: $0) }
        let level = requested.flatMap(Logger.Level.init(rawValue:)) ?? .warning
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
    }
}

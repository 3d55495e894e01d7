import ArgumentParser
import CredVault

/// `get` and `set` parsed without argument-parser's reflection, for the plain command lines
/// timers and hooks run many times a minute.
///
/// argument-parser stays the one definition of the command line. Building a command through
/// it costs most of a `get`'s start-up (docs/DESIGN-NOTES.md, "Start-up cost"): reading the
/// property wrappers with `Mirror` makes the Swift runtime look up protocol conformances for
/// the first time, each a scan of the binary's conformance table. So for a command line in
/// the plain shape `PlainArguments` accepts, this fills the same command struct directly and
/// runs argument-parser's own `validate()`; anything else (help, a mistake, another command,
/// an unusual spelling) returns nil and argument-parser parses it as before, so help, errors
/// and completions are its own. HotCommandLineTests parses every combination of the two
/// commands' options both ways and compares, and checks these option lists against
/// argument-parser's `--experimental-dump-help` of the binary, so the two cannot drift.
enum HotCommandLine {
    static let vaultOptionNames = ["vault", "keyfile", "passphrase-file"]
    static let getOptionNames = vaultOptionNames + ["version", "reason"]
    static let getFlagNames = ["json", "no-newline"]
    static let setOptionNames = vaultOptionNames + ["account", "length", "expect-version", "reason"]
    static let setFlagNames = ["stdin", "generate", "new-account", "allow-reuse"]

    /// The command for `arguments` (without the program name), or nil for argument-parser.
    static func command(_ arguments: ArraySlice<String>) -> (any ParsableCommand)? {
        switch arguments.first {
        case "get": return get(arguments.dropFirst())
        case "set": return set(arguments.dropFirst())
        default: return nil
        }
    }

    static func get(_ tokens: ArraySlice<String>) -> GetCommand? {
        guard let parsed = PlainArguments(tokens, options: getOptionNames, flags: getFlagNames),
              let forest = parsed.positional,
              let version = parsed.integer("version") else { return nil }
        var command = GetCommand()
        command.options = vaultOptions(parsed)
        command.forest = forest
        command.version = version
        command.json = parsed.has(flag: "json")
        command.noNewline = parsed.has(flag: "no-newline")
        command.reason = parsed["reason"]
        return validated(command)
    }

    static func set(_ tokens: ArraySlice<String>) -> SetCommand? {
        guard let parsed = PlainArguments(tokens, options: setOptionNames, flags: setFlagNames),
              let forest = parsed.positional,
              let length = parsed.integer("length"),
              let expectVersion = parsed.integer("expect-version") else { return nil }
        var command = SetCommand()
        command.options = vaultOptions(parsed)
        command.forest = forest
        command.account = parsed["account"]
        command.newAccount = parsed.has(flag: "new-account")
        command.allowReuse = parsed.has(flag: "allow-reuse")
        command.stdin = parsed.has(flag: "stdin")
        command.generate = parsed.has(flag: "generate")
        command.length = length ?? PasswordGenerator.defaultLength
        command.expectVersion = expectVersion
        command.reason = parsed["reason"]
        return validated(command)
    }

    private static func vaultOptions(_ parsed: PlainArguments) -> VaultOptions {
        var options = VaultOptions()
        options.vault = parsed["vault"]
        options.keyfile = parsed["keyfile"]
        options.passphraseFile = parsed["passphrase-file"]
        return options
    }

    /// The command when its own `validate()` accepts it; nil lets argument-parser report why.
    private static func validated<Command: ParsableCommand>(_ command: Command) -> Command? {
        var command = command
        do {
            try command.validate()
            return command
        } catch {
            return nil
        }
    }
}

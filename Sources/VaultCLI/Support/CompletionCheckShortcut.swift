import ArgumentParser

/// Spares ordinary command lines ArgumentParser's look for `--generate-completion-script`.
///
/// Why: before parsing, ArgumentParser parses every command line twice more, as two pseudo
/// commands that hold the completion-script flag. Their reflection is 8 M of the 27 M
/// instructions a whole `credvault get` costs (callgrind, bench/NOTES.md), and CredVault is run
/// from timers and push hooks many times a minute. ArgumentParser skips that look for a root
/// command that names a super-command, a name it shows only in help text. So a command line
/// that cannot be asking for help, a completion script or completions gets that name; any other
/// is parsed exactly as before. Both paths parse the same commands with the same options.
enum CompletionCheckShortcut {
    /// `base`, or `base` with the look switched off when `arguments` cannot need it.
    static func configuration(_ base: CommandConfiguration, arguments: some Sequence<String>) -> CommandConfiguration {
        guard canSkip(arguments) else { return base }
        var quick = base
        quick._superCommandName = base.commandName
        return quick
    }

    /// False for anything that could reach help or completion output: a help word or flag,
    /// `--generate-completion-script…`, `---completion`, `--experimental-…`.
    static func canSkip(_ arguments: some Sequence<String>) -> Bool {
        !arguments.contains { argument in
            isHelpWord(argument)
                || argument.hasPrefix("--generate-completion-script")
                || argument.hasPrefix("---")
                || argument.hasPrefix("--experimental")
        }
    }

    /// A switch, not a Set: hashing Strings in a fresh process costs more than these compares.
    private static func isHelpWord(_ argument: String) -> Bool {
        switch argument {
        case "help", "-h", "--help", "-help": true
        default: false
        }
    }
}

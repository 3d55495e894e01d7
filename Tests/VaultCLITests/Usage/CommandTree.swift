import ArgumentParser
@testable import VaultCLI

/// Every command under `credvault`, found through argument-parser's own configuration, so a
/// new subcommand is covered by the help tests without being listed anywhere.
enum CommandTree {
    /// Each subcommand's path below the root, e.g. ["connector", "add"], parents before children.
    static let paths: [[String]] = collect(CredVaultCommand.self, below: [])

    /// The command type at `path` (the root for []).
    static func command(at path: [String]) -> ParsableCommand.Type? {
        var current: ParsableCommand.Type = CredVaultCommand.self
        for component in path {
            guard let next = current.configuration.subcommands.first(where: { name(of: $0) == component }) else { return nil }
            current = next
        }
        return current
    }

    /// The help screen `credvault PATH --help` prints, wide enough that no line wraps.
    static func help(_ path: [String]) -> String? {
        command(at: path).map { CredVaultCommand.helpMessage(for: $0, columns: 1_000) }
    }

    private static func name(of command: ParsableCommand.Type) -> String {
        command.configuration.commandName ?? command._commandName
    }

    private static func collect(_ command: ParsableCommand.Type, below path: [String]) -> [[String]] {
        command.configuration.subcommands.flatMap { sub -> [[String]] in
            let subPath = path + [name(of: sub)]
            return [subPath] + collect(sub, below: subPath)
        }
    }
}

import ArgumentParser
import Foundation
import Testing
@testable import VaultCLI

/// The hand fast path for `get` and `set` (HotCommandLine) against argument-parser, the one
/// definition of the command line: for every combination of the commands' options, in several
/// orders and spellings, the fast path either declines (and argument-parser parses as always)
/// or builds exactly the command argument-parser builds; it never accepts what argument-parser
/// refuses.
@Suite("Hot command line")
struct HotCommandLineTests {
    /// An option as users can type it: a flag (no value) or an option with sample values,
    /// the first a valid one.
    private struct Choice {
        let name: String
        let values: [String]
        var isFlag: Bool { values.isEmpty }

        /// `--name value` (or the bare flag) and `--name=value`.
        func spellings(_ value: String) -> [[String]] {
            isFlag ? [["--\(name)"]] : [["--\(name)", value], ["--\(name)=\(value)"]]
        }
    }

    /// Every subset of the options, in their order and reversed, with the spelling and the
    /// positional's place (first, middle, last) varied from subset to subset; then every
    /// sample value of each option, in both spellings, beside the required ones. (All
    /// spellings and places for every subset would be 6 times the lines; argument-parser's
    /// debug build takes ~20 ms per line.)
    private static func commandLines(_ command: String, positional: String, required: [String], options: [Choice]) -> [[String]] {
        var lines: [[String]] = [[command], [command, positional]]
        for subset in 0..<(1 << options.count) {
            let chosen = options.indices.filter { subset & (1 << $0) != 0 }.map { options[$0] }
            let spelling = subset.nonzeroBitCount % 2
            let given = chosen.map { $0.spellings($0.values.first ?? "")[$0.isFlag ? 0 : spelling] }
            for (turn, order) in [given, given.reversed()].enumerated() {
                let split = [0, order.count / 2, order.count][(subset + turn) % 3]
                lines.append([command] + order[..<split].flatMap { $0 } + [positional] + order[split...].flatMap { $0 })
            }
        }
        for option in options where !option.isFlag {
            for value in option.values {
                for spelling in option.spellings(value) {
                    lines.append([command, positional] + required + spelling)
                    lines.append([command] + spelling + [positional])
                }
            }
        }
        return lines
    }

    /// Lines the plain shape must decline or argument-parser must refuse: help, terminators,
    /// repeats, unknown options, values that look like options, empty tokens, extra values.
    private static func oddLines(_ command: String, _ valid: [String]) -> [[String]] {
        let odd: [[String]] = [
            ["--help"], ["-h"], ["-help"], ["help"], ["--"], ["--", "x"], ["-x"], ["--nope"], ["--nope=1"],
            [""], ["extra"], ["--vault"], ["--vault", "--json"], ["--vault", "-"], ["--vault="], ["--vault=-x"],
            ["--vault", "a", "--vault", "b"], ["--json=true"], ["--stdin=1"], ["--version"], ["--version", "x"],
            ["--version", "-1"], ["--version=-1"], ["--version", "1", "--version", "2"], ["--json", "--json"],
            ["--length", "0"], ["--length", "40"], ["--expect-version", "-1"], ["--account"], ["--reason", ""],
            ["--experimental-dump-help"], ["--generate-completion-script", "bash"], ["--Vault", "a"],
        ]
        return odd.flatMap { [[command] + $0 + valid, [command] + valid + $0] }
    }

    static let getLines: [[String]] = commandLines("get", positional: "contoso.com", required: [], options: [
        Choice(name: "vault", values: ["/tmp/v.db", "a=b", "help"]), Choice(name: "keyfile", values: ["k"]),
        Choice(name: "passphrase-file", values: ["p"]),
        Choice(name: "version", values: ["2", "0", "+3", "007", "two", "1.5", "9999999999999999999999"]),
        Choice(name: "json", values: []), Choice(name: "no-newline", values: []),
        Choice(name: "reason", values: ["CHG-7", "two words"]),
    ]) + oddLines("get", ["contoso.com"])

    static let setLines: [[String]] = commandLines("set", positional: "fabrikam.com", required: ["--account", "a"], options: [
        Choice(name: "vault", values: ["v.db"]), Choice(name: "account", values: ["CONTOSO\\svc-adsync", "svc sync"]),
        Choice(name: "stdin", values: []), Choice(name: "generate", values: []),
        Choice(name: "length", values: ["40", "32", "12", "11", "x"]),
        Choice(name: "expect-version", values: ["6", "0", "+2"]), Choice(name: "reason", values: ["two words", "CHG-1"]),
    ]) + commandLines("set", positional: "fabrikam.com", required: ["--account", "a"], options: [
        Choice(name: "keyfile", values: ["k"]), Choice(name: "passphrase-file", values: ["p"]),
        Choice(name: "account", values: ["a"]), Choice(name: "new-account", values: []),
        Choice(name: "allow-reuse", values: []),
    ]) + oddLines("set", ["fabrikam.com", "--account", "a"])

    /// argument-parser's reading of a command line: the command, or nil when it refuses.
    private static func reference(_ line: [String]) -> (any ParsableCommand)? {
        try? CredVaultCommand.parseAsRoot(line)
    }

    @Test("get: the fast path builds what argument-parser builds, or declines")
    func getMatchesArgumentParser() throws {
        var accepted = 0
        for line in Self.getLines {
            let reference = Self.reference(line)
            guard let fast = HotCommandLine.command(line[...]) else { continue }
            accepted += 1
            let expected = try #require(reference as? GetCommand, "argument-parser refused \(line), the fast path accepted it")
            let got = try #require(fast as? GetCommand)
            #expect(Self.fields(got) == Self.fields(expected), "\(line)")
        }
        // The fast path is not dead code: every plain line is taken by it.
        #expect(accepted > Self.getLines.count / 3, "\(accepted) of \(Self.getLines.count)")
    }

    @Test("set: the fast path builds what argument-parser builds, or declines")
    func setMatchesArgumentParser() throws {
        var accepted = 0
        for line in Self.setLines {
            let reference = Self.reference(line)
            guard let fast = HotCommandLine.command(line[...]) else { continue }
            accepted += 1
            let expected = try #require(reference as? SetCommand, "argument-parser refused \(line), the fast path accepted it")
            let got = try #require(fast as? SetCommand)
            #expect(Self.fields(got) == Self.fields(expected), "\(line)")
        }
        #expect(accepted > Self.setLines.count / 6, "\(accepted) of \(Self.setLines.count)")
    }

    @Test("plain command lines take the fast path", arguments: [
        ["get", "contoso.com"], ["get", "contoso.com", "--version", "2", "--json"],
        ["get", "--vault", "v.db", "--keyfile=k", "contoso.com"],
        ["set", "contoso.com", "--account", "svc", "--stdin"],
        ["set", "contoso.com", "--account=svc", "--generate", "--length", "40", "--expect-version", "3", "--reason", "CHG-1"],
    ])
    func plainLinesAreFast(line: [String]) {
        #expect(HotCommandLine.command(line[...]) != nil)
    }

    @Test("the fast path knows every option argument-parser defines for get and set")
    func optionListsMatchTheDefinition() throws {
        let result = try CLI.run(["--experimental-dump-help"])
        #expect(result.status == 0)
        let root = try #require(JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let command = try #require(root["command"] as? [String: Any])
        let subcommands = try #require(command["subcommands"] as? [[String: Any]])
        for (name, options, flags) in [
            ("get", HotCommandLine.getOptionNames, HotCommandLine.getFlagNames),
            ("set", HotCommandLine.setOptionNames, HotCommandLine.setFlagNames),
        ] {
            let sub = try #require(subcommands.first { $0["commandName"] as? String == name })
            let arguments = try #require(sub["arguments"] as? [[String: Any]])
            var defined: [String: [String]] = ["option": [], "flag": [], "positional": []]
            for argument in arguments {
                let kind = try #require(argument["kind"] as? String)
                let long = (argument["names"] as? [[String: Any]] ?? []).compactMap {
                    $0["kind"] as? String == "long" ? $0["name"] as? String : nil
                }
                // argument-parser's own --help and --version flags: the fast path declines --help,
                // and get's --version option (listed apart) shadows the root's version flag.
                if kind == "flag" && (long == ["help"] || long == ["version"]) { continue }
                let short = (argument["names"] as? [[String: Any]] ?? []).filter { $0["kind"] as? String != "long" }
                #expect(short.isEmpty, "\(name): a short or single-dash name would need the fast path's support")
                defined[kind, default: []] += kind == "positional" ? ["positional"] : long
            }
            #expect(defined["option"]?.sorted() == options.sorted(), "\(name) options")
            #expect(defined["flag"]?.sorted() == flags.sorted(), "\(name) flags")
            #expect(defined["positional"] == ["positional"], "\(name): exactly one positional")
        }
    }

    private static func fields(_ c: GetCommand) -> [String] {
        [c.options.vault, c.options.keyfile, c.options.passphraseFile, c.forest, c.version.map(String.init), String(c.json),
         String(c.noNewline), c.reason]
            .map { $0 ?? "<nil>" }
    }

    private static func fields(_ c: SetCommand) -> [String] {
        [c.options.vault, c.options.keyfile, c.options.passphraseFile, c.forest, c.account, String(c.stdin),
         String(c.generate), String(c.length), c.expectVersion.map(String.init), c.reason, String(c.newAccount),
         String(c.allowReuse)].map { $0 ?? "<nil>" }
    }
}

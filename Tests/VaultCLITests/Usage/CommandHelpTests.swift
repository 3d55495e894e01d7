import Foundation
import Testing
@testable import VaultCLI

/// The help screens, read through argument-parser's `helpMessage(for:)`: every subcommand
/// shows examples, and every exit code a screen documents is one the CLI really has.
@Suite("help screens (argument-parser API)")
struct CommandHelpTests {
    /// The codes of ExitCodes (sysexits plus push's 3 and 4, 7 for an overdue password, and 70 for a crash), as the root
    /// help lists them.
    static let allCodes: Set<Int> = [0, 1, 3, 4, 5, 6, 7, 64, 65, 66, 69, 70, 73, 74, 75, 76, 77]

    /// What each screen documents today; a screen not named here documents no exit code.
    static let documented: [[String]: Set<Int>] = [
        []: allCodes,
        ["set"]: [0, 64, 65, 75, 77],
        ["push"]: [0, 3, 4, 5, 7, 64, 65, 66, 74, 75, 77],
        ["status"]: [0, 3, 4, 5, 6, 7, 64, 65, 66, 77],
        ["doctor"]: [0, 1, 3, 4, 5, 6, 7, 64, 65, 66, 77],
        ["check"]: [0, 3, 4, 5, 6, 7, 64, 65, 66, 77],
        ["restore"]: [0, 64, 65, 66, 74, 77],
        ["connector", "change"]: [0, 64, 65, 66, 77],
        ["audit"]: [65],
        ["audit", "show"]: [0, 64, 65, 66, 77],
        ["audit", "verify"]: [65],
        ["connector", "show"]: [65],
        ["connector", "pause"]: [0, 66, 75],
        ["connector", "resume"]: [0, 3, 66],
        ["directory"]: [0, 64, 65, 66, 69, 76],
        ["directory", "show"]: [65],
        ["directory", "test"]: [0, 69, 76],
        ["directory", "remove"]: [75],
        ["rotate"]: [0, 1, 3, 4, 64, 65, 66, 69, 75, 76, 77],
        ["policy"]: [0, 64, 65, 66, 77],
        ["policy", "set"]: [0, 64, 65, 66, 77],
        ["policy", "show"]: [0, 64, 65, 66, 77],
        ["policy", "clear"]: [0, 64, 65, 66, 77],
    ]

    /// The exit codes a help screen names for credvault itself: the items of an "Exit codes:"
    /// paragraph ("0 ok, 1 other failure, …"), a sentence "Exits N …", and "(exit N …" or
    /// "; exit N" in an abstract or option help. A hook's "exits 0" is not one of them.
    static func exitCodes(in help: String) -> Set<Int> {
        let text = help.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        var codes: Set<Int> = []
        if let start = text.range(of: "Exit codes:") {
            let paragraph = text[start.upperBound...].prefix { $0 != "." }
            for item in ("," + paragraph).split(separator: ",") {
                let words = item.split(separator: " ")
                if let first = words.first, let code = Int(first) { codes.insert(code) }
            }
        }
        for match in text.matches(of: /(?:\bExits|(?:\(|; )exit) (\d+)\b/) { codes.insert(Int(match.1)!) }
        return codes
    }

    @Test("the command tree is found: every documented command, the nested ones included")
    func treeIsComplete() {
        let paths = Set(CommandTree.paths)
        for expected in [["init"], ["set"], ["get"], ["push"], ["connector", "add"], ["audit", "verify"],
                         ["keyfile", "remove"], ["passphrase", "change"], ["rekey"], ["backup"],
                         ["connector", "pause"], ["connector", "resume"]] {
            #expect(paths.contains(expected), "\(expected) is missing from \(paths)")
        }
        #expect(CommandTree.paths.count == 42)
    }

    @Test("every subcommand's help has an Example(s) section whose first line runs credvault",
          arguments: CommandTree.paths)
    func examples(path: [String]) throws {
        let help = try #require(CommandTree.help(path))
        let lines = help.split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.trimmingCharacters(in: .whitespaces) }
        let heading = try #require(lines.firstIndex { $0 == "Examples:" || $0 == "Example:" },
                                   "no Examples section in `\(path.joined(separator: " ")) --help`:\n\(help)")
        let first = lines[(heading + 1)...].first { !$0.isEmpty }
        #expect(first?.hasPrefix("credvault \(path[0])") == true, "\(String(describing: first))")
    }

    @Test("the help screen documents exactly the exit codes it is known to, all real ones",
          arguments: [[]] + CommandTree.paths)
    func documentedExitCodes(path: [String]) throws {
        let help = try #require(CommandTree.help(path))
        let codes = Self.exitCodes(in: help)
        #expect(codes == Self.documented[path] ?? [], "`\(path.joined(separator: " ")) --help` documents \(codes.sorted())")
        #expect(codes.isSubset(of: Self.allCodes))
    }

    @Test("the exit-code reader finds the items of a paragraph and exit N in prose")
    func readerFindsCodes() {
        #expect(Self.exitCodes(in: "Exit codes: 0 fine, 3 written but\n  failed, 66 gone.\nThen 7 more.") == [0, 3, 66])
        #expect(Self.exitCodes(in: "Store only if N (exit 75 otherwise). Exits 65 after printing.") == [65, 75])
        #expect(Self.exitCodes(in: "Walk the chain (exit 65). Check-and-set; exit 75 otherwise.") == [65, 75])
        #expect(Self.exitCodes(in: "The command that exits 0 when the service works again.").isEmpty)
        #expect(Self.exitCodes(in: "--timeout 90, mode 0600, 12 to 256").isEmpty)
    }
}

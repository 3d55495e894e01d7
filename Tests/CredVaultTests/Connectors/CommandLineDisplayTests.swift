import Testing
@testable import CredVault

@Suite("CommandLineSplitter display")
struct CommandLineDisplayTests {
    /// Found by bench/fuzz (command-line target): `'` followed by a combining mark is one
    /// Character, so the quote was not escaped and the shown command split differently.
    @Test("a single quote followed by a combining mark is escaped: split(display(argv)) == argv")
    func quoteBeforeCombiningMark() throws {
        let argv = ["/bin/echo", "it'\u{301}s", "''\u{616}'"]
        let again = try CommandLineSplitter.split(CommandLineSplitter.display(argv))
        #expect(again.map { Array($0.unicodeScalars) } == argv.map { Array($0.unicodeScalars) })
    }
}

import Testing
@testable import CredVault

@Suite("CommandLineSplitter")
struct CommandLineSplitterTests {
    @Test("splits like a shell: quotes, escapes, empty words")
    func splits() throws {
        #expect(try CommandLineSplitter.split("systemctl restart adsync") == ["systemctl", "restart", "adsync"])
        #expect(try CommandLineSplitter.split("  a\t b \n c ") == ["a", "b", "c"])
        #expect(try CommandLineSplitter.split(#"/bin/echo 'two words' "and \"quotes\"""#) == ["/bin/echo", "two words", #"and "quotes""#])
        #expect(try CommandLineSplitter.split(#"a\ b c\\d"#) == ["a b", #"c\d"#])
        #expect(try CommandLineSplitter.split(#"x '' "" y"#) == ["x", "", "", "y"])
        #expect(try CommandLineSplitter.split(#"'it'\''s' "a\nb""#) == ["it's", #"a\nb"#])
        #expect(try CommandLineSplitter.split("echo $HOME * ; rm -rf /") == ["echo", "$HOME", "*", ";", "rm", "-rf", "/"])
        #expect(try CommandLineSplitter.split(#"pre"mid dle"post"#) == ["premid dlepost"])
    }

    @Test("refuses unbalanced quotes, a trailing backslash and an empty command")
    func refuses() {
        for bad in ["'open", "\"open", "trailing\\", "", "   ", "''"] {
            #expect(throws: CredVaultError.self, "\(bad)") { try CommandLineSplitter.split(bad) }
        }
    }

    @Test("display quotes so that split(display(argv)) == argv")
    func roundTrips() throws {
        for argv in [["a", "b c", "it's", "", "$x", "\"q\""], ["/usr/bin/x", "--flag=1"]] {
            #expect(try CommandLineSplitter.split(CommandLineSplitter.display(argv)) == argv)
        }
    }
}

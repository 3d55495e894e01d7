import CredVault

/// The hook command-line splitter: any text either splits into words or is refused with a
/// typed error (never a trap); what it splits, quoted again by `display`, splits to the same
/// words byte for byte; and any argv (the input's NUL-separated fields) survives
/// `display` then `split` unchanged.
enum CommandLineFuzz {
    static func run(_ input: UnsafeRawBufferPointer) {
        do {
            let words = try CommandLineSplitter.split(FuzzInput.text(Array(input)))
            precondition(!words.isEmpty && !words[0].isEmpty, "split returned no command")
            precondition(!words.contains { $0.utf8.contains(0) }, "a word holds a NUL")
            roundTrip(words)
        } catch {
            guard case .invalidInput = error else { preconditionFailure("split threw another kind of error: \(error)") }
        }
        // split refuses a NUL (no argv can carry one), and the last field may still hold some.
        let argv = FuzzInput.fields(input, count: 16).map(FuzzInput.text)
        if !argv[0].isEmpty, !argv.contains(where: { $0.utf8.contains(0) }) { roundTrip(argv) }
    }

    private static func roundTrip(_ words: [String]) {
        let shown = CommandLineSplitter.display(words)
        do {
            let again = try CommandLineSplitter.split(shown)
            precondition(again.map { Array($0.utf8) } == words.map { Array($0.utf8) }, "display then split changed the words")
        } catch {
            preconditionFailure("display wrote a command split refuses: \(error)")
        }
    }
}

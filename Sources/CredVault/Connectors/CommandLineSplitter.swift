/// Splits one command string into argv the way a POSIX shell splits words, without ever
/// running a shell: no expansion of `$`, `*`, `~` or backquotes, no redirections, no `;`.
///
/// - Outside quotes, blanks (space, tab, newline) separate words and `\` keeps the next
///   character literally (`\` before a newline joins lines).
/// - `'…'` keeps everything up to the next `'` literally.
/// - `"…"` keeps everything literally except `\"`, `\\`, `\$`, `` \` `` and `\` + newline.
/// - `''` and `""` make an empty word.
public enum CommandLineSplitter {
    public static func split(_ command: String) throws(CredVaultError) -> [String] {
        var words: [String] = []
        var current: [Unicode.Scalar] = []
        var inWord = false
        var iterator = Array(command.unicodeScalars).makeIterator()
        var quote = Quote.none

        func finishWord() {
            if inWord {
                var word = ""
                word.unicodeScalars.append(contentsOf: current)
                words.append(word)
            }
            current.removeAll()
            inWord = false
        }

        while let scalar = iterator.next() {
            switch quote {
            case .single:
                if scalar == "'" { quote = .none } else { current.append(scalar) }
            case .double:
                if scalar == "\"" {
                    quote = .none
                } else if scalar == "\\" {
                    guard let next = iterator.next() else {
                        throw .invalidInput("the command ends inside double quotes: \(Validation.printable(command))")
                    }
                    current += doubleQuotedEscape(next)
                } else {
                    current.append(scalar)
                }
            case .none:
                switch scalar {
                case " ", "\t", "\n":
                    finishWord()
                case "'":
                    quote = .single
                    inWord = true
                case "\"":
                    quote = .double
                    inWord = true
                case "\\":
                    guard let next = iterator.next() else {
                        throw .invalidInput("the command ends with a lone backslash: \(Validation.printable(command))")
                    }
                    if next != "\n" {
                        current.append(next)
                        inWord = true
                    }
                default:
                    current.append(scalar)
                    inWord = true
                }
            }
        }
        finishWord()
        return try checked(words, endingIn: quote, command: command)
    }

    private enum Quote { case none, single, double }

    /// What `\` + `next` stands for inside double quotes: only `"`, `\`, `$` and `` ` `` are
    /// escaped, `\` + newline joins lines, anything else keeps its backslash.
    private static func doubleQuotedEscape(_ next: Unicode.Scalar) -> [Unicode.Scalar] {
        switch next {
        case "\"", "\\", "$", "`": return [next]
        case "\n": return []
        default: return ["\\", next]
        }
    }

    /// The words, unless the command ended inside quotes, is empty, or holds a NUL.
    private static func checked(_ words: [String], endingIn quote: Quote, command: String) throws(CredVaultError) -> [String] {
        switch quote {
        case .single: throw .invalidInput("unbalanced single quote in the command: \(Validation.printable(command))")
        case .double: throw .invalidInput("unbalanced double quote in the command: \(Validation.printable(command))")
        case .none: break
        }
        guard let first = words.first, !first.isEmpty else {
            throw .invalidInput("the command is empty")
        }
        guard !words.contains(where: { $0.utf8.contains(0) }) else {
            throw .invalidInput("the command contains a NUL character")
        }
        return words
    }

    /// argv shown to people, quoted so that `split(display(argv)) == argv`.
    public static func display(_ argv: [String]) -> String {
        argv.map(quote).joined(separator: " ")
    }

    public static func quote(_ word: String) -> String {
        let safe = word.unicodeScalars.allSatisfy {
            ($0.properties.isAlphabetic && $0.isASCII) || ("0"..."9").contains($0) || "-_./=:,@%+".unicodeScalars.contains($0)
        }
        if safe && !word.isEmpty { return word }
        return "'" + word.replacingOccurrencesOfSingleQuote() + "'"
    }
}

extension String {
    /// By scalar, as `split` reads: a `'` followed by a combining mark is one Character that
    /// is not equal to "'", and left unescaped it would end the quoting (found by bench/fuzz).
    fileprivate func replacingOccurrencesOfSingleQuote() -> String {
        var out = ""
        for scalar in unicodeScalars {
            if scalar == "'" { out += "'\\''" } else { out.unicodeScalars.append(scalar) }
        }
        return out
    }
}

/// A command line in the one plain shape `get` and `set` are typed in from timers and hooks:
/// one positional value and long options, each at most once, written `--name value` or
/// `--name=value`, with values that do not start with `-`.
///
/// It recognises nothing else: `-h`, `--help`, `--`, a repeated or unknown option, a value
/// that looks like an option, a second positional or an empty token make it fail, and the
/// caller hands the command line to argument-parser, which reports or handles it as always.
/// Declining is always safe; accepting is checked against argument-parser for every
/// combination of the commands' options (HotCommandLineTests).
struct PlainArguments {
    private(set) var positional: String?
    private var values: [(name: String, value: String)] = []
    private var flags: [String] = []

    init?(_ tokens: ArraySlice<String>, options: [String], flags flagNames: [String]) {
        var index = tokens.startIndex
        while index < tokens.endIndex {
            let token = tokens[index]
            index += 1
            guard !token.isEmpty else { return nil }
            guard token.hasPrefix("-") else {
                guard positional == nil else { return nil }
                positional = token
                continue
            }
            guard token.hasPrefix("--") else { return nil }
            var name = Substring(token.dropFirst(2))
            var value: String?
            if let equals = name.firstIndex(of: "=") {
                value = String(name[name.index(after: equals)...])
                name = name[..<equals]
            }
            let key = String(name)
            guard !isGiven(key) else { return nil }
            if flagNames.contains(key) {
                guard value == nil else { return nil }
                flags.append(key)
                continue
            }
            guard options.contains(key) else { return nil }
            if value == nil, index < tokens.endIndex {
                value = tokens[index]
                index += 1
            }
            guard let value, !value.isEmpty, !value.hasPrefix("-") else { return nil }
            values.append((key, value))
        }
    }

    private func isGiven(_ name: String) -> Bool {
        flags.contains(name) || values.contains { $0.name == name }
    }

    /// The value of option `--name`, or nil when it was not given.
    subscript(name: String) -> String? {
        values.first { $0.name == name }?.value
    }

    func has(flag name: String) -> Bool { flags.contains(name) }

    /// `.some(nil)` when absent, `.some(n)` when given as an integer, nil when not an integer
    /// (argument-parser reads an `Int` option with `Int(String)` too).
    func integer(_ name: String) -> Int?? {
        guard let text = self[name] else { return .some(nil) }
        guard let number = Int(text) else { return nil }
        return .some(number)
    }
}

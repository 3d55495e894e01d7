import ArgumentParser

/// `--json` for the `directory` subcommands that report.
struct JSONFlag: ParsableArguments {
    @Flag(name: .long, help: "Print the result as JSON.")
    var json = false
}

import ArgumentParser

/// The forest a `directory` subcommand works on, and whether it prints JSON.
struct DirectoryForestOptions: ParsableArguments {
    @Argument(help: "The AD forest (a DNS name such as contoso.com) whose directory this is.")
    var forest: String
}

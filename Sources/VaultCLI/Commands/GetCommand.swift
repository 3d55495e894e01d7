import ArgumentParser
import CredVault

struct GetCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "get",
        abstract: "Print a password version (the only command that does); the read is audited.",
        discussion: """
            Examples:
              credvault get contoso.com             # the password and a newline
              credvault get contoso.com --version 2
              credvault get contoso.com --json      # with forest, account, version
            """
    )

    @OptionGroup var options: VaultOptions

    @Argument(help: "The AD forest.")
    var forest: String

    @Option(name: .long, help: ArgumentHelp("The version to print (default: the current one).", valueName: "N"))
    var version: Int?

    @Flag(name: .long, help: "Print a JSON object instead of the bare password.")
    var json = false

    func run() throws {
        let forestName = try Validation.forest(forest)
        if let version { _ = try Validation.version(version) }
        let vault = try options.openVault()
        let secret = try vault.get(forest: forestName, version: version)
        if json {
            let info = secret.info
            Terminal.write("{\"account\":\(JSONStringCodec.quote(info.account)),\"created_at\":\(JSONStringCodec.quote(info.createdAt)),"
                + "\"fingerprint\":\(JSONStringCodec.quote(info.fingerprint.short)),\"forest\":\(JSONStringCodec.quote(info.forest)),\"password\":")
            // The password goes from secure memory to secure memory, quoted by the one codec.
            Terminal.writeSecret(try JSONStringCodec.quoted(secret.password))
            Terminal.write(",\"version\":\(info.version)}\n")
        } else {
            Terminal.writeSecret(secret.password)
            Terminal.write("\n")
        }
    }
}

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
              credvault get contoso.com --no-newline --reason CHG-1042 | ldappasswd ... -T /dev/stdin
            """
    )

    @OptionGroup var options: VaultOptions

    @Argument(help: "The AD forest.")
    var forest: String

    @Option(name: .long, help: ArgumentHelp("The version to print (default: the current one).", valueName: "N"))
    var version: Int?

    @Flag(name: .long, help: "Print a JSON object instead of the bare password.")
    var json = false

    @Flag(name: .long, help: "Leave out the trailing newline (for a pipe that takes the bytes as they are).")
    var noNewline = false

    @Option(name: .long, help: "Why the password is read (a ticket number); kept in the audit event.")
    var reason: String?

    func validate() throws {
        if let version { try UsageCheck.check { () throws(CredVaultError) in _ = try Validation.version(version) } }
    }

    func run() throws {
        let forestName = try Validation.forest(forest)
        if let version { _ = try Validation.version(version) }
        let vault = try options.openVault()
        let secret = try vault.get(forest: forestName, version: version, reason: reason)
        if json {
            let info = secret.info
            Terminal.write("{\"account\":\(JSONStringCodec.quote(info.account)),\"created_at\":\(JSONStringCodec.quote(info.createdAt)),"
                + "\"fingerprint\":\(JSONStringCodec.quote(info.fingerprint.short)),\"forest\":\(JSONStringCodec.quote(info.forest)),\"password\":")
            // The password goes from secure memory to secure memory, quoted by the one codec.
            Terminal.writeSecret(try JSONStringCodec.quoted(secret.password))
            Terminal.write(",\"version\":\(info.version)}")
        } else {
            Terminal.writeSecret(secret.password)
        }
        // Scripts rely on the newline by default; --no-newline is for tools that keep every byte.
        if !noNewline { Terminal.write("\n") }
    }
}

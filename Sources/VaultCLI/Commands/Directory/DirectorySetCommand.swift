import ArgumentParser
import CredVault

extension DirectoryKind: ExpressibleByArgument {}

struct DirectorySetCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "set",
        abstract: "Store (or replace) where a forest's directory is.",
        discussion: """
            Nothing is sent to the directory: `credvault directory test` does that. Each
            URL is checked for its form (ldaps://HOST[:PORT] or ldap://HOST[:PORT]) and
            the CA file must be readable. The row is MACed like a connector's and the
            change is audited (directory.set).

            Examples:
              credvault directory set contoso.com --url ldaps://dc1.contoso.com \\
                  --url ldaps://dc2.contoso.com --ca-file /etc/credvault/contoso-ca.pem
              credvault directory set contoso.com --url ldaps://dc1.contoso.com \\
                  --ca-file ca.pem --reset-with rotator.contoso.com
            """
    )

    @OptionGroup var options: VaultOptions
    @OptionGroup var target: DirectoryForestOptions

    @Option(name: .long, help: ArgumentHelp("A directory server (repeat for each DC; the first is changed, the others waited on).", valueName: "url"))
    var url: [String] = []

    @Option(name: .long, help: ArgumentHelp("The PEM file of the CA that signed the servers' certificates.", valueName: "pem"), completion: .file())
    var caFile: String

    @Option(name: .long, help: "The directory kind: ad or openldap.")
    var kind: DirectoryKind = .activeDirectory

    @Option(name: .long, help: ArgumentHelp("Reset mode: the vault entry (forest name) holding the rotator account's password.", valueName: "entry"))
    var resetWith: String?

    func validate() throws {
        if url.isEmpty { throw ValidationError("Please give at least one --url.") }
    }

    func run() throws {
        let vault = try options.openVault()
        let stored = try vault.setDirectory(DirectoryConfig(
            forest: target.forest, kind: kind, urls: url, caFile: caFile, resetWith: resetWith))
        let mode = stored.resetWith.map { "reset with \($0)" } ?? "self"
        Terminal.write("Directory of \(stored.forest): \(stored.urls.joined(separator: ", ")) (\(stored.kind.rawValue), account \(stored.account), \(mode)).\n")
    }
}

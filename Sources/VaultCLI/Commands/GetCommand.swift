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
            Terminal.write("{\"account\":\(JSONText.quote(info.account)),\"created_at\":\(JSONText.quote(info.createdAt)),"
                + "\"fingerprint\":\(JSONText.quote(info.fingerprint.short)),\"forest\":\(JSONText.quote(info.forest)),\"password\":\"")
            // Passwords hold no control characters (Validation.password); only " and \ need escaping.
            let escaped = try JSONEscaping.escape(secret.password)
            Terminal.writeSecret(escaped)
            Terminal.write("\",\"version\":\(info.version)}\n")
        } else {
            Terminal.writeSecret(secret.password)
            Terminal.write("\n")
        }
    }
}

enum JSONEscaping {
    /// A copy of `bytes` with `"` and `\` escaped, in secure memory.
    static func escape(_ bytes: borrowing SecureBytes) throws(CredVaultError) -> SecureBytes {
        let extra = bytes.withUnsafeBytes { raw in raw.filter { $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }.count }
        var out = try SecureBytes(count: bytes.count + extra)
        bytes.withUnsafeBytes { input in
            out.withUnsafeMutableBytes { output in
                var index = 0
                for byte in input {
                    if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") {
                        output[index] = UInt8(ascii: "\\")
                        index += 1
                    }
                    output[index] = byte
                    index += 1
                }
            }
        }
        return out
    }
}

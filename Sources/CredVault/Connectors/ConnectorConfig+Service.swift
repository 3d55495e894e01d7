/// Checks of the service facts a connector may carry: quiesce hooks, role, DCs.
extension ConnectorConfig {
    /// The longest role label.
    public static let roleLimit = 64

    /// The connector with its pause and resume hooks checked like every hook (both or
    /// neither), its role a short label and each DC an `ldap://` or `ldaps://` URL.
    func checkedService() throws(CredVaultError) -> ConnectorConfig {
        var connector = self
        guard (pauseArgv == nil) == (resumeArgv == nil) else { throw .usage(.pauseNeedsResume) }
        connector.pauseArgv = try pauseArgv.map { (argv) throws(CredVaultError) in try Vault.checkedCommand(argv, role: .pause) }
        connector.resumeArgv = try resumeArgv.map { (argv) throws(CredVaultError) in try Vault.checkedCommand(argv, role: .resume) }
        if let role {
            guard !role.isEmpty, role.count <= ConnectorConfig.roleLimit,
                  role.unicodeScalars.allSatisfy({ $0.isASCII && $0.value > 0x20 && $0.value < 0x7f }) else {
                throw .invalidInput("the role \"\(Validation.printable(role))\" must be 1 to \(ConnectorConfig.roleLimit) printable ASCII characters without spaces")
            }
        }
        var seen = Set<String>()
        for url in dcURLs {
            guard ConnectorConfig.isDirectoryURL(url) else {
                throw .invalidInput("the DC \"\(Validation.printable(url))\" is not an ldap:// or ldaps:// URL of the form scheme://host[:port]")
            }
            guard seen.insert(url.lowercased()).inserted else { throw .invalidInput("the DC \(url) is listed twice") }
        }
        return connector
    }

    /// `ldap://host[:port]` or `ldaps://host[:port]`, with at most a trailing slash.
    static func isDirectoryURL(_ url: String) -> Bool {
        let lowered = url.lowercased()
        guard let scheme = ["ldaps://", "ldap://"].first(where: lowered.hasPrefix) else { return false }
        var host = url.dropFirst(scheme.count)
        if host.hasSuffix("/") { host = host.dropLast() }
        return !host.isEmpty && !host.contains { "/? \t".contains($0) || $0.asciiValue.map { $0 < 0x20 } ?? false }
    }
}

import CredVault

/// What a new current password means for the services that use it, said right after `set`,
/// `rollback` or `import` changed it. A rotation most often breaks a dependent nobody listed or
/// nobody pushed to, so the operator hears which connectors now hold an older password, or that
/// none is registered at all. On stderr: stdout keeps its one line for scripts.
enum RotationNotice {
    static func text(forest: String, account: String, connectors names: [String]) -> String {
        guard !names.isEmpty else {
            return "No connector is registered for \(forest), so no service gets this password from credvault: "
                + "register each one that signs in as \(account) with `credvault connector add`."
        }
        let subject = names.count == 1 ? "1 connector still has" : "\(names.count) connectors still have"
        return "\(subject) an older password: \(names.joined(separator: ", ")). "
            + "`credvault push \(forest)` updates \(names.count == 1 ? "it" : "them") and restarts the service."
    }

    /// Prints the notice for `forest`; a failure to list connectors is not worth failing a stored change.
    static func print(forest: String, account: String, vault: Vault) {
        guard let names = try? vault.connectorNames(forest: forest) else { return }
        Terminal.printNote(text(forest: forest, account: account, connectors: names))
    }
}

import ArgumentParser
import CredVault

struct ConnectorShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show one connector's settings.",
        discussion: """
            Exits 65 when the connector's row fails its MAC check (it was edited in the
            database).

            Examples:
              credvault connector show adsync
              credvault connector show adsync --json
            """
    )

    @OptionGroup var options: VaultOptions

    @Argument(help: "The connector's name.")
    var name: String

    @Flag(name: .long, help: "Print the connector as JSON.")
    var json = false

    func run() throws {
        let vault = try options.openVault()
        let entry = try vault.connector(named: name)
        let config = entry.config
        let pause = try vault.pause(of: config.name)
        if json {
            try Output.json(ConnectorJSON(entry, pause: pause))
        } else {
            var lines = [
                "name:      \(config.name)",
                "forest:    \(config.forest)",
                "adapter:   \(config.adapter.rawValue)",
            ]
            if let file = config.file {
                lines.append("file:      \(file.path)")
                lines.append("format:    \(file.format.rawValue)")
                lines.append("password:  key \(file.passwordKey)")
                if let account = file.accountKey { lines.append("account:   key \(account)") }
                lines.append("pinned:    \(ConnectorShowCommand.pinText(file.pin))")
            }
            if let exec = config.execArgv { lines.append("exec:      \(CommandLineSplitter.display(exec))") }
            lines.append("restart:   \(config.restartArgv.map(CommandLineSplitter.display) ?? "(none)")")
            lines.append("health:    \(config.healthArgv.map(CommandLineSplitter.display) ?? "(none)")")
            lines.append("pause:     \(config.pauseArgv.map(CommandLineSplitter.display) ?? "(none)")")
            lines.append("resume:    \(config.resumeArgv.map(CommandLineSplitter.display) ?? "(none)")")
            if let role = config.role { lines.append("role:      \(role)") }
            for dc in config.dcURLs { lines.append("dc:        \(dc)") }
            if let pause {
                lines.append("sync:      PAUSED since \(pause.since) by \(pause.cause.rawValue)"
                    + (pause.error.map { " (last resume failed: \($0))" } ?? ""))
            }
            lines.append("timeout:   \(config.timeoutSeconds) s")
            lines.append("created:   \(config.createdAt)")
            lines.append("row MAC:   \(entry.macValid ? "ok" : "TAMPERED")")
            Terminal.write(lines.joined(separator: "\n") + "\n")
        }
        if !entry.macValid {
            throw CLIFailure.tamperedConnectorInShow(connector: config.name)
        }
    }

    /// What `connector add` pinned of the target, in one line.
    static func pinText(_ pin: TargetPin?) -> String {
        guard let pin else { return "(nothing: added before targets were pinned)" }
        let mode = "0" + String(pin.mode & 0o7777, radix: 8)
        let place = pin.followSymlinks
            ? "symlinks followed"
            : "\(pin.resolvedPath), device \(pin.device) inode \(pin.inode) (or the one the last push wrote)"
        return "\(place), owner uid \(pin.owner), mode \(mode)"
    }
}

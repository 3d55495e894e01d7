import ArgumentParser
import CredVault

struct AuditCheckpointCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "checkpoint",
        abstract: "Print the head of the chain as one line to keep outside the vault.",
        discussion: """
            The chain is verified first. Keep the line where the vault file cannot be
            rolled back with it (a ticket, a remote syslog), and pass it to `audit verify
            --checkpoint` later.

            Example:
              credvault audit checkpoint | logger -t credvault-checkpoint
              credvault audit checkpoint --json
            """
    )

    @OptionGroup var options: VaultOptions

    @Flag(name: .long, help: "Print {seq, mac, line} instead of the line alone.")
    var json = false

    func run() throws {
        let head = try options.openVault().auditCheckpoint()
        if json {
            try Output.json(AuditCheckpointJSON(head))
        } else {
            Terminal.write(head.description + "\n")
        }
    }
}

import ArgumentParser
import CredVault

struct AuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Show, verify and checkpoint the tamper-evident audit trail.",
        discussion: """
            Every change and every `get` appends one MAC-chained event. Field names, and
            what `verify` can and cannot detect: docs/audit.md. Filters of the default
            `show`: --forest, --action, --since, --until, --after-seq, --json (see
            `credvault audit show --help`, with a log shipper's loop).

            Examples:
              credvault audit                          # a table of every event
              credvault audit --forest contoso.com --since 2026-11-01
              credvault audit --action push --json     # JSON Lines for a SIEM
              credvault audit --after-seq 120 --json   # only what came after seq 120
              credvault audit verify                   # walk the whole chain
              credvault audit checkpoint >> /srv/elsewhere/checkpoints
              credvault audit verify --checkpoint "$(tail -n 1 checkpoints)"
            """,
        subcommands: [AuditShowCommand.self, AuditVerifyCommand.self, AuditCheckpointCommand.self],
        defaultSubcommand: AuditShowCommand.self
    )
}

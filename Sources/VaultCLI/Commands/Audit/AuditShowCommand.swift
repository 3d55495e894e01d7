import ArgumentParser
import CredVault
#if canImport(Glibc)
import Glibc
#endif

struct AuditShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "List audit events, oldest first (the default of `credvault audit`).",
        discussion: """
            TIME is RFC 3339 (2026-11-25T13:00:00Z) or a date (2026-11-25); both bounds
            are inclusive, and a date in --until means the whole of that day.

            --after-seq N shows only the events after seq N, in seq order: a log shipper
            keeps the last seq it sent and asks for what came after; the other filters and
            --json still apply.

            Exit codes: 0 listed (maybe nothing), 64 usage (a bad filter, a negative N),
            65 a damaged event row, 66 no vault, 77 cannot unlock.

            Examples:
              credvault audit --forest contoso.com --action get
              credvault audit --since 2026-11-01 --until 2026-11-30 --json
              # a shipper loop: send what is new, then move the cursor to the last seq sent
              echo 0 > seq
              while sleep 60; do
                credvault audit --after-seq "$(cat seq)" --json > new.jsonl || continue
                [ -s new.jsonl ] && ship < new.jsonl && tail -n 1 new.jsonl | jq .seq > seq
              done
            """
    )

    @OptionGroup var options: VaultOptions

    @Option(name: .long, help: ArgumentHelp("Only events of this forest.", valueName: "forest"))
    var forest: String?

    @Option(name: .long, help: ArgumentHelp(
        "Only this action (set, get, push.failed, ...) or family (push, connector, keyslot).", valueName: "action"))
    var action: String?

    @Option(name: .long, help: ArgumentHelp("Only events at or after TIME.", valueName: "time"))
    var since: String?

    @Option(name: .long, help: ArgumentHelp("Only events at or before TIME.", valueName: "time"))
    var until: String?

    @Option(name: .long, help: ArgumentHelp("Only events with a seq greater than N (a shipper's cursor).", valueName: "N"))
    var afterSeq: Int64?

    @Flag(name: .long, help: "Write JSON Lines: one event per line, fields as in docs/audit.md.")
    var json = false

    func validate() throws {
        if let afterSeq, afterSeq < 0 { throw ValidationError("Please give --after-seq as 0 or more.") }
        // A filter that is not one (--since yesterday, --action nonsense) is a usage mistake.
        try UsageCheck.check { () throws(CredVaultError) in
            _ = try AuditQuery(forest: forest, action: action, since: since, until: until, afterSeq: afterSeq)
        }
    }

    func run() throws {
        let query = try AuditQuery(forest: forest, action: action, since: since, until: until, afterSeq: afterSeq)
        let vault = try options.openVault()
        if json {
            // Streamed: a long trail is never held in memory as one string.
            try vault.forEachAuditJSONPiece(matching: query) { _ = POSIXIO.writeAll($0, to: STDOUT_FILENO) }
            return
        }
        // Two passes over one snapshot: the first sizes the columns, the second prints, so a
        // long trail is never held in memory.
        var table = TableWriter(header: ["SEQ", "TIME", "ACTOR", "ACTION", "FOREST", "VER", "CONNECTOR", "OUTCOME", "FINGERPRINT", "REASON / DETAIL"])
        try vault.forEachAuditEvent(matching: query, passes: 2) { pass, event in
            let row = AuditShowCommand.cells(event)
            if pass == 0 { table.measure(row) } else { table.write(row) }
        }
        table.finish()
    }

    /// One table row. Every cell escaped: a row edited with the sqlite3 shell must not be able
    /// to send escape sequences to the terminal.
    static func cells(_ event: AuditEvent) -> [String] {
        [
            String(event.seq), event.time, event.actor, event.action, event.forest ?? "",
            event.version.map { "v\($0)" } ?? "", event.connector ?? "", event.outcome,
            event.fingerprint ?? "", AuditShowCommand.notes(event),
        ].map(AuditShowCommand.printable)
    }

    /// Reason and detail in one cell.
    static func notes(_ event: AuditEvent) -> String {
        var parts: [String] = []
        if let reason = event.reason { parts.append("reason: \(reason)") }
        if let fields = event.detailFields {
            parts += fields.map { "\($0.key)=\($0.value)" }
        } else if let detail = event.detail {
            parts.append(detail)
        }
        return parts.joined(separator: " ")
    }

    static func printable(_ text: String) -> String {
        if FreeText.isPrintableASCII(text) { return text }
        return text.unicodeScalars.map {
            $0.properties.generalCategory == .control ? $0.escaped(asASCII: true) : String($0)
        }.joined()
    }
}

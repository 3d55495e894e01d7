import ArgumentParser
import CredVault

struct AuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Show, verify and checkpoint the tamper-evident audit trail.",
        discussion: """
            Every change and every `get` appends one MAC-chained event. Field names, and
            what `verify` can and cannot detect: docs/audit.md. Filters of the default
            `show`: --forest, --action, --since, --until, --json (see `credvault audit
            show --help`).

            Examples:
              credvault audit                          # a table of every event
              credvault audit --forest contoso.com --since 2026-11-01
              credvault audit --action push --json     # JSON Lines for a SIEM
              credvault audit verify                   # walk the whole chain
              credvault audit checkpoint >> /srv/elsewhere/checkpoints
              credvault audit verify --checkpoint "$(tail -n 1 checkpoints)"
            """,
        subcommands: [AuditShowCommand.self, AuditVerifyCommand.self, AuditCheckpointCommand.self],
        defaultSubcommand: AuditShowCommand.self
    )
}

struct AuditShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "List audit events, oldest first (the default of `credvault audit`).",
        discussion: """
            TIME is RFC 3339 (2026-11-25T13:00:00Z) or a date (2026-11-25); both bounds
            are inclusive, and a date in --until means the whole of that day.

            Examples:
              credvault audit --forest contoso.com --action get
              credvault audit --since 2026-11-01 --until 2026-11-30 --json
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

    @Flag(name: .long, help: "Write JSON Lines: one event per line, fields as in docs/audit.md.")
    var json = false

    func run() throws {
        let query = try AuditQuery(forest: forest, action: action, since: since, until: until)
        let vault = try options.openVault()
        if json {
            // Streamed: a long trail is never held in memory as one string.
            var batch = ""
            try vault.forEachAuditEvent(matching: query) { event in
                batch += event.jsonLine
                batch += "\n"
                if batch.utf8.count > 64 << 10 {
                    Terminal.write(batch)
                    batch = ""
                }
            }
            Terminal.write(batch)
            return
        }
        var rows: [[String]] = []
        try vault.forEachAuditEvent(matching: query) { event in
            // Every cell escaped: a row edited with the sqlite3 shell must not be able to send
            // escape sequences to the terminal.
            rows.append([
                String(event.seq), event.time, event.actor, event.action, event.forest ?? "",
                event.version.map { "v\($0)" } ?? "", event.connector ?? "", event.outcome,
                event.fingerprint ?? "", AuditShowCommand.notes(event),
            ].map(AuditShowCommand.printable))
        }
        Output.table(["SEQ", "TIME", "ACTOR", "ACTION", "FOREST", "VER", "CONNECTOR", "OUTCOME", "FINGERPRINT", "REASON / DETAIL"], rows)
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
        text.unicodeScalars.map {
            $0.properties.generalCategory == .control ? $0.escaped(asASCII: true) : String($0)
        }.joined()
    }
}

struct AuditVerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Walk the whole MAC chain and name the first bad event (exit 65).",
        discussion: """
            Detects an edited, deleted, inserted or reordered event anywhere before the
            last one. Events cut from the end, or a vault replaced by an older copy, are
            only detected against a checkpoint kept elsewhere (docs/audit.md).

            Examples:
              credvault audit verify
              credvault audit verify --checkpoint "$LINE"   # from `audit checkpoint`
              credvault audit verify --json | jq .intact     # for a monitoring check
            """
    )

    @OptionGroup var options: VaultOptions

    @Option(name: .long, help: ArgumentHelp(
        "A line printed by `credvault audit checkpoint`: the chain must still reach it.", valueName: "line"))
    var checkpoint: String?

    @Flag(name: .long, help: "One JSON object: intact, events, head, and on failure the problem, its seq and message (exit 65 still).")
    var json = false

    func run() throws {
        let expected = try checkpoint.map { (line) throws(CredVaultError) in try AuditCheckpoint(line: line) }
        let vault = try options.openVault()
        let result = try vault.verifyAudit(checkpoint: expected)
        if json { try Output.json(AuditVerificationJSON(result, checkpoint: expected)) }
        if let problem = result.problem {
            throw CredVaultError.integrity(problem.description)
        }
        guard let head = result.head else { throw CredVaultError.integrity(AuditProblem.empty.description) }
        if json { return }
        var line = "audit trail intact: \(result.count) event\(result.count == 1 ? "" : "s"), head seq \(head.seq) mac \(head.macHex.prefix(16))"
        if let expected { line += "; reaches checkpoint seq \(expected.seq)" }
        Terminal.write(line + "\n")
    }
}

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

/// `audit checkpoint --json`; `line` is what `audit verify --checkpoint` takes.
struct AuditCheckpointJSON: Encodable {
    let seq: Int64
    let mac: String
    let line: String

    init(_ head: AuditCheckpoint) {
        seq = head.seq
        mac = head.macHex
        line = head.description
    }
}

/// `audit verify --json`. Field names are part of the CLI contract (docs/audit.md).
struct AuditVerificationJSON: Encodable {
    let intact: Bool
    /// Events checked: all of them when intact, else those before the walk stopped.
    let events: Int
    let head: AuditCheckpointJSON?
    let checkpoint_seq: Int64?
    let problem: String?
    let seq: Int64?
    let message: String?

    init(_ result: AuditVerification, checkpoint: AuditCheckpoint?) {
        intact = result.isIntact
        events = result.count
        head = result.head.map(AuditCheckpointJSON.init)
        checkpoint_seq = checkpoint?.seq
        problem = result.problem?.kind
        seq = result.problem?.seq
        message = result.problem?.description
    }
}

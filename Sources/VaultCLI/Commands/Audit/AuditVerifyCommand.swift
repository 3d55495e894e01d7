import ArgumentParser
import CredVault

struct AuditVerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Walk the whole MAC chain and name the first bad event (exit 65).",
        discussion: """
            Detects an edited, deleted, inserted or reordered event anywhere, and events
            cut from the end (the vault's head anchor names its newest event). A vault
            replaced by an older copy is only detected against a checkpoint kept
            elsewhere (docs/audit.md).

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
        let result = try vault.verifyAuditAndRows(checkpoint: expected)
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

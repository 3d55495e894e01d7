import ArgumentParser
import CredVault
#if canImport(Glibc)
import Glibc
#endif

struct RekeyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rekey",
        abstract: "Make a new master key and re-encrypt every version with it.",
        discussion: """
            All in one transaction: every version re-encrypted (key generation + 1), the
            audit trail verified and re-MACed, the slot you unlock with re-wrapped. Other
            slots cannot be re-wrapped without their credential and are REMOVED: re-add
            them afterwards (`credvault keyfile add --out PATH`, `credvault passphrase
            change`).

            Prints the new audit checkpoint: checkpoints taken earlier no longer match,
            except the head just before the rekey (kept in the rekey event).

            Example:
              credvault rekey --keyfile /etc/credvault/admin.key
            """
    )

    @OptionGroup var options: VaultOptions

    func run() throws {
        let path = options.vaultPath
        if access(path, F_OK) != 0 && errno == ENOENT {
            throw CredVaultError.missing(.vault(path: path))
        }
        let credential = try options.credential()
        let vault = try Vault.open(at: path, credential: credential)
        let showProgress = Terminal.stderrIsTerminal
        let report = try vault.rekey(credential: credential) { done, total in
            if showProgress { Terminal.progress("re-encrypting \(done)/\(total)") }
        }
        if showProgress { Terminal.progress(nil) }
        var text = "Rekeyed: key generation \(report.keyGeneration), \(report.versions) versions re-encrypted, "
            + "\(report.auditEvents - 1) audit events re-MACed (the rekey is event \(report.checkpoint.seq)); kept \(report.kept.kind.rawValue) slot \(report.kept.id).\n"
        for slot in report.removed {
            text += "Removed \(slot.kind.rawValue) slot \(slot.id)\(slot.label.map { " (\($0))" } ?? ""): re-add it with "
                + (slot.kind == .keyfile ? "`credvault keyfile add --out PATH`" : "`credvault passphrase change`") + ".\n"
        }
        text += "New audit checkpoint: \(report.checkpoint)\n"
        Terminal.write(text)
    }
}

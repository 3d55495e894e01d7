import ArgumentParser
import CredVault
import Foundation

struct RestoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "restore",
        abstract: "Replace the vault with a verified backup.",
        discussion: """
            The backup must open with the vault's keyfile or passphrase and its audit chain
            must verify. The vault is replaced only when the backup holds its whole audit
            trail (all the vault has beyond the backup is the `backup` event that wrote it);
            otherwise --force is needed. The replaced vault gets a `restore` event and is
            kept beside it as VAULT.before-restore-TIMESTAMP; the restored vault records a
            `restore` event too.

            Exit codes: 0 restored, 64 usage, 65 the backup's audit chain is broken, or
            the vault has events the backup lacks (without --force), 66 no such backup,
            74 I/O error, 77 the keys do not open the backup or the vault.

            Examples:
              credvault restore /var/backups/credvault-2026-12-01.db
              credvault restore /var/backups/credvault-2026-11-01.db --force
            """
    )

    @OptionGroup var options: VaultOptions

    @Argument(help: ArgumentHelp("The backup file (written by `credvault backup`).", valueName: "backup"), completion: .file())
    var backup: String

    @Flag(name: .long, help: "Restore even when the vault has audit events the backup does not hold.")
    var force = false

    func run() throws {
        guard FileManager.default.fileExists(atPath: backup) else { throw CredVaultError.missing(.file(what: "backup", path: backup)) }
        let report = try Vault.restore(from: backup, over: options.vaultPath, credential: options.credential(), force: force)
        var text = "Restored \(options.vaultPath) from \(backup) (audit head seq \(report.backupHeadSeq), then the restore event)."
        if let aside = report.keptAside { text += " The replaced vault is kept as \(aside)." }
        if report.lostEvents > 0 { text += " \(report.lostEvents) of its audit events are not in the restored vault (--force)." }
        Terminal.write(text + "\n")
    }
}

import Foundation
import GRDB
import TestSupport
@testable import CredVault

/// A vault in its own temp folder, opened through the library with a keyfile slot.
final class LibraryVault {
    let sandbox: VaultSandbox
    let vault: Vault

    init() throws {
        sandbox = try VaultSandbox("lib", initialize: false)
        vault = try Vault.create(at: sandbox.vaultPath, passphrase: nil, keyfileOut: sandbox.keyfilePath, kdf: .interactive)
    }

    /// Appends `count` events straight through the audit log, in one transaction.
    func appendEvents(_ count: Int, reason: String? = nil) throws {
        try vault.database.writeTransaction { tx in
            for index in 0..<count {
                try self.vault.audit.append(AuditEventDraft(
                    action: index % 3 == 0 ? .get : .set, forest: index % 2 == 0 ? "contoso.com" : nil,
                    version: index % 2 == 0 ? index + 1 : nil, reason: reason,
                    detail: index % 4 == 0 ? ["account": "svc-\(index)", "note": "line\nbreak \"quoted\""] : [:]), in: tx)
            }
        }
    }

    func execute(_ sql: String) throws {
        try vault.database.writeTransaction { tx in try tx.db.execute(sql: sql) }
    }
}

import Foundation
import GRDB
import TestSupport
@testable import CredVault

/// Turns a vault made by this credvault back into the v2 format, as the previous release
/// wrote it: no v3-row-macs migration, none of its columns, and an `init` event without
/// the `row_macs` mark (the chain re-MACed with the vault's own audit key, as that release
/// would have MACed it). The only way to get a true old vault without building the old release.
enum LegacyVault {
    static func downgrade(_ sandbox: VaultSandbox) throws {
        let credential = try UnlockCredential.keyfile(at: sandbox.keyfilePath)
        let vault = try Vault.open(at: sandbox.vaultPath, credential: credential)
        try vault.database.writeTransaction { tx in
            let db = tx.db
            try db.execute(sql: "DELETE FROM grdb_migrations WHERE identifier = 'v3-row-macs'")
            for table in ["forests", "secret_versions", "key_slots", "pushes"] {
                try db.execute(sql: "ALTER TABLE \(table) DROP COLUMN mac")
            }
            try db.execute(sql: "ALTER TABLE forests DROP COLUMN push_count")
            try db.execute(sql: "ALTER TABLE forests DROP COLUMN connector_count")
            try db.execute(sql: "ALTER TABLE pushes DROP COLUMN target_inode")
            try db.execute(sql: "ALTER TABLE vault_meta DROP COLUMN rows_mac")
            try db.execute(sql: "UPDATE audit_events SET detail = ? WHERE action = 'init'",
                           arguments: [AuditLog.encodeDetail(["slots": "keyfile"])])
            _ = try Vault.remacAuditChain(tx, under: vault.audit)
        }
    }
}

extension LegacyVault {
    /// Rewrites connector `name` as a release before target pinning stored it: no `pin` in its
    /// configuration, MACed with the vault's own config key.
    static func unpin(_ sandbox: VaultSandbox, connector name: String) throws {
        let credential = try UnlockCredential.keyfile(at: sandbox.keyfilePath)
        let vault = try Vault.open(at: sandbox.vaultPath, credential: credential)
        try vault.database.writeTransaction { tx in
            guard let stored = try tx.connector(named: name) else { throw TestFailure("no connector \(name)") }
            var config = try stored.decode()
            config.file?.pin = nil
            var record = try ConnectorRecord(config)
            record.mac = try record.computeMAC(key: vault.keys.config, vaultID: vault.vaultID)
            try tx.deleteConnector(named: name)
            try tx.insertConnector(record)
        }
    }
}

extension LegacyVault {
    /// Turns the vault back into what a release before the audit head anchor wrote: no
    /// v7-audit-head migration, no `audit_head` table, and an `init` event without the
    /// `audit_head` mark (the chain re-MACed with the vault's own audit key).
    static func dropAuditHead(_ sandbox: VaultSandbox) throws {
        let credential = try UnlockCredential.keyfile(at: sandbox.keyfilePath)
        let vault = try Vault.open(at: sandbox.vaultPath, credential: credential)
        try vault.database.writeTransaction { tx in
            let db = tx.db
            try db.execute(sql: "UPDATE audit_events SET detail = ? WHERE action = 'init'",
                           arguments: [AuditLog.encodeDetail(["slots": "keyfile", "row_macs": "1"])])
            _ = try Vault.remacAuditChain(tx, under: vault.audit)
            try db.execute(sql: "DROP TABLE audit_head")
            try db.execute(sql: "DELETE FROM grdb_migrations WHERE identifier = 'v7-audit-head'")
        }
    }
}

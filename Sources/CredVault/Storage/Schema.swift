import GRDB

/// The vault's schema history. Each migration is frozen once released: never edit one,
/// add the next. Names are spelled out as strings so a rename in Swift cannot change the file.
enum Schema {
    /// The SQLite application_id of a CredVault vault ("CRDV"): tells our file from any other SQLite file.
    static let applicationID: Int32 = 0x4352_4456

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-vault") { db in
            try db.create(table: "vault_meta") { t in
                t.primaryKey("id", .integer).check { $0 == 1 }
                t.column("format_version", .integer).notNull()
                t.column("vault_id", .blob).notNull()
                t.column("key_generation", .integer).notNull().defaults(to: 1)
                t.column("created_at", .text).notNull()
            }
            try db.create(table: "key_slots") { t in
                t.primaryKey("id", .text)
                t.column("kind", .text).notNull().check { ["passphrase", "keyfile"].contains($0) }
                t.column("label", .text)
                t.column("created_at", .text).notNull()
                t.column("kdf_salt", .blob)
                t.column("kdf_opslimit", .integer)
                t.column("kdf_memlimit", .integer)
                t.column("kdf_alg", .integer)
                t.column("nonce", .blob).notNull()
                t.column("wrapped_key", .blob).notNull()
                t.column("key_check", .blob).notNull()
            }
            try db.create(table: "forests") { t in
                t.primaryKey("name", .text)
                t.column("account", .text).notNull()
                t.column("current_version", .integer).notNull().defaults(to: 0)
                t.column("created_at", .text).notNull()
                t.column("updated_at", .text).notNull()
            }
            try db.create(table: "secret_versions") { t in
                t.column("forest", .text).notNull().references("forests", onDelete: .restrict)
                t.column("version", .integer).notNull().check { $0 >= 1 }
                t.column("account", .text).notNull()
                t.column("created_at", .text).notNull()
                t.column("actor", .text).notNull()
                t.column("source", .text).notNull()
                    .check { ["set", "generate", "rollback", "import"].contains($0) }
                t.column("reason", .text)
                t.column("rolled_back_from", .integer)
                t.column("nonce", .blob).notNull()
                t.column("ciphertext", .blob).notNull()
                t.column("fingerprint", .text).notNull()
                t.column("key_generation", .integer).notNull()
                t.primaryKey(["forest", "version"])
            }
            try db.create(table: "audit_events") { t in
                t.primaryKey("seq", .integer)
                t.column("time", .text).notNull()
                t.column("actor", .text).notNull()
                t.column("uid", .integer).notNull()
                t.column("host", .text).notNull()
                t.column("pid", .integer).notNull()
                t.column("action", .text).notNull()
                t.column("forest", .text)
                t.column("version", .integer)
                t.column("connector", .text)
                t.column("outcome", .text).notNull()
                t.column("fingerprint", .text)
                t.column("reason", .text)
                t.column("detail", .text)
                t.column("mac", .blob).notNull()
            }
            try db.create(index: "audit_events_forest", on: "audit_events", columns: ["forest", "seq"])
        }
        migrator.registerMigration("v2-connectors") { db in
            try db.create(table: "connectors") { t in
                t.primaryKey("name", .text)
                t.column("forest", .text).notNull().references("forests", onDelete: .restrict)
                t.column("adapter", .text).notNull().check { ["file", "exec"].contains($0) }
                t.column("config", .text).notNull()
                t.column("restart_argv", .text)
                t.column("health_argv", .text)
                t.column("timeout_seconds", .integer).notNull().check { $0 > 0 }
                t.column("created_at", .text).notNull()
                t.column("mac", .blob).notNull()
            }
            try db.create(table: "pushes") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("connector", .text).notNull()
                t.column("forest", .text).notNull()
                t.column("version", .integer).notNull()
                t.column("fingerprint", .text).notNull()
                t.column("kind", .text).notNull().check { ["push", "restart", "rollback"].contains($0) }
                t.column("state", .text).notNull()
                    .check { ["written", "restarted", "healthy", "failed"].contains($0) }
                t.column("step", .text).notNull().check { ["write", "restart", "health", "done"].contains($0) }
                t.column("started_at", .text).notNull()
                t.column("updated_at", .text).notNull()
                t.column("error", .text)
            }
            try db.create(index: "pushes_connector", on: "pushes", columns: ["connector", "id"])
        }
        // Row MACs (issue 14): nullable, because the key that computes them is only there once
        // the vault is unlocked; `Vault` fills them then (docs/DESIGN-NOTES.md, "Row MACs").
        migrator.registerMigration("v3-row-macs") { db in
            for table in ["forests", "secret_versions", "key_slots", "pushes"] {
                try db.alter(table: table) { t in t.add(column: "mac", .blob) }
            }
            try db.alter(table: "forests") { t in
                t.add(column: "push_count", .integer)
                t.add(column: "connector_count", .integer)
            }
            // The inode a push's write left at a pinned file target (TargetPin).
            try db.alter(table: "pushes") { t in t.add(column: "target_inode", .integer) }
            try db.alter(table: "vault_meta") { t in t.add(column: "rows_mac", .blob) }
        }
        migrator.registerMigration("v4-directories") { db in
            // Where each forest's directory is (MAC'd under the config subkey like connectors).
            try db.create(table: "directories") { t in
                t.primaryKey("forest", .text).references("forests", onDelete: .restrict)
                t.column("kind", .text).notNull().check { ["ad", "openldap"].contains($0) }
                t.column("urls", .text).notNull()
                t.column("ca_file", .text).notNull()
                t.column("account", .text).notNull()
                t.column("reset_with", .text)
                t.column("created_at", .text).notNull()
                t.column("mac", .blob).notNull()
            }
            // At most one rotation in flight per forest: its password sealed under the secrets
            // subkey, kept until it is committed or proven unused.
            try db.create(table: "rotations") { t in
                t.primaryKey("forest", .text).references("forests", onDelete: .restrict)
                t.column("state", .text).notNull().check { ["pending", "changed", "verified"].contains($0) }
                t.column("mode", .text).notNull().check { ["self", "reset"].contains($0) }
                t.column("source", .text).notNull().check { ["generate", "set"].contains($0) }
                t.column("account", .text).notNull()
                t.column("base_version", .integer).notNull()
                t.column("reason", .text)
                t.column("started_at", .text).notNull()
                t.column("updated_at", .text).notNull()
                t.column("nonce", .blob).notNull()
                t.column("ciphertext", .blob).notNull()
                t.column("fingerprint", .text).notNull()
                t.column("key_generation", .integer).notNull()
                t.column("mac", .blob).notNull()
            }
        }
        migrator.registerMigration("v5-connector-quiesce") { db in
            // Pause and resume hooks, role and DCs of a connector's service (JSON, NULL for none:
            // the row MAC covers it only when present, so older rows verify as before).
            try db.alter(table: "connectors") { t in t.add(column: "service", .text) }
            // A service credvault paused and has not resumed yet (one row per connector).
            try db.create(table: "connector_pauses") { t in
                t.primaryKey("connector", .text)
                t.column("forest", .text).notNull()
                t.column("cause", .text).notNull().check { ["push", "rotate", "operator"].contains($0) }
                t.column("since", .text).notNull()
                t.column("updated_at", .text).notNull()
                t.column("error", .text)
            }
        }
        migrator.registerMigration("v6-password-policy") { db in
            // Maximum password ages (issue 13): scope "*" is the vault-wide row, which also
            // counts the per-forest rows (a deleted one no longer adds up); every row MAC'd
            // under the config subkey (AgePolicyRecord).
            try db.create(table: "age_policies") { t in
                t.primaryKey("scope", .text)
                t.column("max_age_seconds", .integer).check { $0 > 0 }
                t.column("forest_count", .integer)
                t.column("updated_at", .text).notNull()
                t.column("mac", .blob).notNull()
            }
        }
        migrator.registerMigration("v7-audit-head") { db in
            // The newest audit event's seq and MAC, MACed under the config subkey and moved by
            // every append: a trail cut at its end no longer verifies. The migration has no key,
            // so it copies the head unMACed; the next append seals it (docs/DESIGN-NOTES.md,
            // "Audit head anchor").
            try db.create(table: "audit_head") { t in
                t.primaryKey("id", .integer).check { $0 == 1 }
                t.column("seq", .integer).notNull()
                t.column("event_mac", .blob).notNull()
                t.column("mac", .blob)
            }
            try db.execute(sql: "INSERT INTO audit_head (id, seq, event_mac) SELECT 1, seq, mac FROM audit_events ORDER BY seq DESC LIMIT 1")
        }
        return migrator
    }
}

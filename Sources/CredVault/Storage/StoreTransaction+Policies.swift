import Foundation
import GRDB

/// Maximum password ages (table of migration v6-password-policy). Every row read is
/// checked against its MAC (`rows`), every row written carries one.
extension StoreTransaction {
    /// Every policy row, the vault-wide one (`*`) first, then forests by name.
    func allAgePolicies() throws -> [AgePolicyRecord] {
        try Row.fetchAll(db, sql: "SELECT \(AgePolicyRecord.columns) FROM age_policies ORDER BY scope").map { row in
            let record = try AgePolicyRecord(row: row)
            return try checked(record, row, macAt: AgePolicyRecord.macIndex, table: "age_policies", key: record.scope)
        }
    }

    /// Inserts the row, or replaces the scope's previous one; with its MAC.
    func upsertAgePolicy(_ record: AgePolicyRecord) throws {
        try db.execute(
            sql: "INSERT OR REPLACE INTO age_policies (\(AgePolicyRecord.columns)) VALUES (?, ?, ?, ?, ?)",
            arguments: [record.scope, record.maxAgeSeconds, record.forestCount, record.updatedAt, Data(try mac(of: record))])
    }

    func deleteAgePolicy(scope: String) throws {
        try db.execute(sql: "DELETE FROM age_policies WHERE scope = ?", arguments: [scope])
    }

    /// Every policy.set and policy.clear event's action, forest (nil: vault-wide) and
    /// detail, in seq order, for `AuditCrossCheck`.
    func auditPolicyEvents() throws -> [(action: String, forest: String?, detail: String?)] {
        try Row.fetchAll(db, sql: """
            SELECT action, forest, detail FROM audit_events WHERE action IN (?, ?) ORDER BY seq
            """, arguments: [AuditAction.policySet.rawValue, AuditAction.policyClear.rawValue]).map { row in
            let columns = CheckedRow(row, table: "audit_events", key: "policy events")
            return (try columns.value(0, "action"), try columns.optional(1, "forest"), try columns.optional(2, "detail"))
        }
    }
}

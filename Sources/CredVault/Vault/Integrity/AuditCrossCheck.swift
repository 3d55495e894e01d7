/// Holds the rows against what the (verified) audit trail says happened to them: no forest
/// is behind its last version event, every version 1...current is there, and every
/// connector added and not removed still is, and every maximum password age set and not
/// cleared still is, with its age. Catches rows deleted or rolled back
/// consistently with their MACs (a forest row and all its versions, a whole connector),
/// which no row MAC can see.
///
/// Rows *ahead* of the trail (a forest at a version the trail has no event for, a connector
/// it never added) are what a trail cut at its end looks like; like the chain walk itself,
/// this leaves that to a checkpoint (docs/audit.md), and a row cannot get ahead otherwise:
/// it would need the key to carry a valid MAC.
///
/// Key slots and pushes are not replayed: `init` never named its slots' ids, and a forest's
/// push count (in its MAC) already pins its push rows.
enum AuditCrossCheck {
    /// Nil when rows and trail agree; otherwise the first disagreement, in one sentence.
    static func disagreement(_ tx: StoreTransaction) throws -> String? {
        let lastVersions = try tx.auditLastVersions()
        let forests = try tx.allForests()
        var seen = Set<String>()
        for forest in forests {
            seen.insert(forest.name)
            let audited = lastVersions[forest.name] ?? 0
            if forest.currentVersion < audited {
                return "forest \(forest.name) is at version \(forest.currentVersion) but the audit trail's last version is \(audited)"
            }
            if let gap = try RowSets.versionGap(tx, forest: forest) { return gap }
        }
        if let orphan = try tx.orphanedVersionForests().first {
            return "forest \(orphan) has versions but no forest row"
        }
        if let lost = lastVersions.keys.sorted().first(where: { !seen.contains($0) }) {
            return "forest \(lost) is in the audit trail (version \(lastVersions[lost]!)) but not in the vault"
        }
        return try connectorDisagreement(tx)
    }

    private static func connectorDisagreement(_ tx: StoreTransaction) throws -> String? {
        var audited = Set<String>()
        for (action, name) in try tx.auditConnectorEvents() {
            if action == AuditAction.connectorAdd.rawValue { audited.insert(name) } else { audited.remove(name) }
        }
        let stored = Set(try tx.connectorNamesAll())
        if let lost = audited.subtracting(stored).sorted().first {
            return "connector \(lost) was added (audit trail) but is not in the vault"
        }
        return try agePolicyDisagreement(tx)
    }

    /// Every maximum age the trail set and did not clear is in the vault with that age: the
    /// vault-wide row's count cannot see all rows deleted together, or an older row put back.
    private static func agePolicyDisagreement(_ tx: StoreTransaction) throws -> String? {
        var audited: [String: Int] = [:]
        for (action, forest, detail) in try tx.auditPolicyEvents() {
            let scope = forest ?? AgePolicyRecord.vaultScope
            if action == AuditAction.policyClear.rawValue {
                audited[scope] = nil
            } else {
                let age = detail.flatMap { FlatJSON.parse($0)?.first { $0.key == "max_age_seconds" }?.value }
                audited[scope] = age.flatMap { Int($0) } ?? 0
            }
        }
        let stored = try AgePolicyRows(tx)
        for (scope, seconds) in audited.sorted(by: { $0.key < $1.key }) {
            let vaultWide = scope == AgePolicyRecord.vaultScope
            let name = vaultWide ? "the vault-wide maximum password age" : "the maximum password age of \(scope)"
            let held = vaultWide ? stored.vaultWide : stored.forests[scope]
            guard let held else { return "\(name) was set (audit trail) but is not in the vault" }
            if held != seconds { return "\(name) is \(held) s in the vault but \(seconds) s in the audit trail" }
        }
        return nil
    }
}

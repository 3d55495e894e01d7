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
///
/// With the `TrailTally` the chain walk gathered, `StreamingCrossCheck` tries the same
/// checks in one streaming pass first; only when it is not sure that all agree does the
/// exact check below run, to find and word the first disagreement (or throw).
enum AuditCrossCheck {
    /// Nil when rows and trail agree; otherwise the first disagreement, in one sentence.
    static func disagreement(_ tx: StoreTransaction, tally: TrailTally? = nil) throws -> String? {
        if let tally, (try? StreamingCrossCheck(tx: tx, tally: tally).agrees()) == true { return nil }
        return try exactDisagreement(tx)
    }

    private static func exactDisagreement(_ tx: StoreTransaction) throws -> String? {
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

    /// `audited`: the connectors the trail added and did not remove (nil: read them now).
    static func connectorDisagreement(_ tx: StoreTransaction, audited: Set<String>? = nil) throws -> String? {
        var events = audited ?? []
        if audited == nil {
            for (action, name) in try tx.auditConnectorEvents() {
                apply(connector: name, added: action == AuditAction.connectorAdd.rawValue, to: &events)
            }
        }
        let stored = Set(try tx.connectorNamesAll())
        if let lost = events.subtracting(stored).sorted().first {
            return "connector \(lost) was added (audit trail) but is not in the vault"
        }
        return audited == nil ? try agePolicyDisagreement(tx) : nil
    }

    static func apply(connector name: String, added: Bool, to audited: inout Set<String>) {
        if added { audited.insert(name) } else { audited.remove(name) }
    }

    /// Every maximum age the trail set and did not clear is in the vault with that age: the
    /// vault-wide row's count cannot see all rows deleted together, or an older row put back.
    /// `audited`: those ages by scope (nil: read them now).
    static func agePolicyDisagreement(_ tx: StoreTransaction, audited: [String: Int]? = nil) throws -> String? {
        var ages = audited ?? [:]
        if audited == nil {
            for (action, forest, detail) in try tx.auditPolicyEvents() {
                apply(policyCleared: action == AuditAction.policyClear.rawValue, forest: forest, detail: detail, to: &ages)
            }
        }
        let stored = try AgePolicyRows(tx)
        for (scope, seconds) in ages.sorted(by: { $0.key < $1.key }) {
            let vaultWide = scope == AgePolicyRecord.vaultScope
            let name = vaultWide ? "the vault-wide maximum password age" : "the maximum password age of \(scope)"
            let held = vaultWide ? stored.vaultWide : stored.forests[scope]
            guard let held else { return "\(name) was set (audit trail) but is not in the vault" }
            if held != seconds { return "\(name) is \(held) s in the vault but \(seconds) s in the audit trail" }
        }
        return nil
    }

    /// One policy.set (the age in its detail) or policy.clear event, in seq order.
    static func apply(policyCleared cleared: Bool, forest: String?, detail: String?, to audited: inout [String: Int]) {
        let scope = forest ?? AgePolicyRecord.vaultScope
        if cleared {
            audited[scope] = nil
        } else {
            let age = detail.flatMap { FlatJSON.parse($0)?.first { $0.key == "max_age_seconds" }?.value }
            audited[scope] = age.flatMap { Int($0) } ?? 0
        }
    }
}

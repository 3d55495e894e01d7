import Foundation

/// Maximum password ages (`credvault policy`): stored MAC'd, every change audited in the
/// same transaction, read by `list`, `status` and `doctor --all`.
extension Vault {
    /// Sets the maximum age of `forest`'s password (nil: the vault-wide default), audited
    /// `policy.set`; returns the policy as it now is.
    @discardableResult
    public func setMaxAge(seconds: Int, forest rawForest: String?) throws(CredVaultError) -> MaxAgePolicy {
        guard seconds > 0 else { throw .invalidInput("a maximum password age must be more than 0 seconds") }
        let forest = try rawForest.map { (name) throws(CredVaultError) in try Validation.forest(name) }
        return try database.writeTransaction { tx in
            if let forest, try tx.forest(named: forest) == nil { throw CredVaultError.missing(.forest(forest)) }
            let rows = try AgePolicyRows(tx)
            let previous = forest.map { rows.forests[$0] } ?? rows.vaultWide
            try rows.writing(seconds, forest: forest, now: Timestamp.now(), in: tx)
            var detail = ["max_age_seconds": String(seconds)]
            if let previous { detail["replaced_seconds"] = String(previous) }
            try self.audit.append(AuditEventDraft(action: .policySet, forest: forest, detail: detail), in: tx)
            return try AgePolicyRows(tx).policy
        }
    }

    /// Removes `forest`'s own maximum age (nil: the vault-wide one), audited `policy.clear`.
    @discardableResult
    public func clearMaxAge(forest rawForest: String?) throws(CredVaultError) -> MaxAgePolicy {
        let forest = try rawForest.map { (name) throws(CredVaultError) in try Validation.forest(name) }
        return try database.writeTransaction { tx in
            let rows = try AgePolicyRows(tx)
            guard let previous = forest.map({ rows.forests[$0] }) ?? rows.vaultWide else {
                throw CredVaultError.missing(.agePolicy(forest: forest))
            }
            try rows.writing(nil, forest: forest, now: Timestamp.now(), in: tx)
            try self.audit.append(
                AuditEventDraft(action: .policyClear, forest: forest, detail: ["max_age_seconds": String(previous)]), in: tx)
            return try AgePolicyRows(tx).policy
        }
    }

    /// The maximum ages the vault holds (rows checked: MACs and the vault-wide row's count).
    public func maxAgePolicy() throws(CredVaultError) -> MaxAgePolicy {
        try database.read { tx in try AgePolicyRows(tx).policy }
    }

    /// How old `forest`'s current password is, against the maximum age that applies to it.
    public func passwordAge(forest: String, now: Double = Timestamp.seconds()) throws(CredVaultError) -> PasswordAge {
        try database.read { tx in
            guard let row = try tx.forest(named: forest) else { throw CredVaultError.missing(.forest(forest)) }
            return try Vault.passwordAge(tx, forest: row, policy: AgePolicyRows(tx).policy, now: now)
        }
    }

    /// `forest`'s current password's age against `policy`, from its (checked) current version.
    static func passwordAge(
        _ tx: StoreTransaction, forest: ForestRecord, policy: MaxAgePolicy, now: Double
    ) throws -> PasswordAge {
        passwordAge(
            forest: forest, currentCreatedAt: try tx.version(forest.currentVersion, of: forest.name)?.createdAt,
            policy: policy, now: now)
    }

    /// `passwordAge` from the (checked) current version's time already read (`list` reads
    /// forests and versions joined).
    static func passwordAge(forest: ForestRecord, currentCreatedAt: String?, policy: MaxAgePolicy, now: Double) -> PasswordAge {
        let since = currentCreatedAt ?? forest.updatedAt
        let seconds = Timestamp.parse(since).map { max(0, Int(now - $0)) } ?? 0
        return PasswordAge(since: since, seconds: seconds, maxSeconds: policy.effective(forest: forest.name))
    }
}

/// `import`: many records, one transaction.
extension Vault {
    /// Stores every record `reader` reads as a new version, all in one transaction: one bad
    /// record and nothing is written. Each record is parsed, validated, sealed and inserted
    /// before the next is read, so memory stays bounded whatever the input's size; a bad
    /// record (the first one, in input order) rolls everything back. `progress` gets the
    /// count so far.
    ///
    /// A CSV without a header does not name its fields: its records may only name forests
    /// the vault had, unless `allowNewForests` (its columns might be swapped). That refusal
    /// waits for the end of the input, so a malformed record anywhere is reported first,
    /// as when the whole input was parsed before anything was stored.
    ///
    /// Every record is stored and audited as `set` would store it; what the import keeps
    /// from one record to the next is only what this transaction itself wrote: the audit
    /// chain's head (`AuditBatch`) and the row of the forest the last record went to.
    @discardableResult
    public func importRecords(
        from reader: ImportReader, allowNewForests: Bool = false, progress: ((Int) -> Void)? = nil
    ) throws(CredVaultError) -> Int {
        try database.writeTransaction { outer in try outer.preparingImport { tx in
            var count = 0
            var unknownForestLine: Int?
            var audit = AuditBatch(log: self.audit)
            // The row this transaction last wrote: the next record of the same forest needs no lookup.
            var lastForest: ForestRecord?
            while let record = try reader.next() {
                try reader.withPassword { password in
                    let (forest, account, fingerprint) = try self.validatedImport(record, password: password)
                    if unknownForestLine == nil, !reader.namesItsFields, !allowNewForests, try !tx.forestExists(forest) {
                        unknownForestLine = record.line
                    }
                    // Once refused, nothing more is stored: the rest is only checked.
                    guard unknownForestLine == nil else { return }
                    let current = lastForest?.name == forest ? lastForest : try tx.forest(named: forest)
                    let stored = try self.storeVersion(
                        tx, after: current, forest: forest, account: account, password: password, source: .import,
                        fingerprint: fingerprint, expectVersion: nil, reason: nil, rolledBackFrom: nil)
                    try audit.append(stored.event, in: tx)
                    lastForest = stored.forestRow
                }
                count += 1
                progress?(count)
            }
            if let line = unknownForestLine { throw CredVaultError.importForestUnknown(line: line) }
            guard count > 0 else { throw ImportParser.noRecords }
            try audit.finish(in: tx)
            return count
        } }
    }

    /// The record's names as stored and its password's fingerprint; a refusal names the line.
    private func validatedImport(
        _ record: ImportReader.Record, password: borrowing SecureBytes
    ) throws(CredVaultError) -> (forest: String, account: String, fingerprint: Fingerprint) {
        do {
            let forest = try Validation.forest(record.forest, quoting: false)
            let account = try Validation.account(record.account)
            try Validation.password(password)
            return (forest, account, try fingerprint(forest: forest, password: password))
        } catch {
            throw .invalidInput("import line \(record.line): \(error); nothing was imported")
        }
    }
}

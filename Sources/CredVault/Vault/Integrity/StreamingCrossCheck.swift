/// The fast path of `AuditCrossCheck`: its checks in one streaming read per table, with
/// memory bounded by the forests the trail names (`TrailTally`), not by rows or events.
///
/// - Forests by name, merged with the version keys by (forest, version) read from the
///   primary-key index alone: every forest's versions are exactly 1...current_version, no
///   version is orphaned, no forest is behind its audited last version, none audited is gone.
/// - Every version row in table order (sequential pages, no lookup per row), MAC-checked
///   from its column bytes as `SecretVersionRecord` reads and MACs it.
/// - Both reads saw the same rows: the (forest, version, rowid) of the index entries and of
///   the table rows give the same `RowKeyDigest`.
/// - Connectors and maximum ages as the exact check holds them, from the tally.
///
/// It answers only "the rows agree" or "not sure": anything unusual (a MAC that fails, a
/// column of another type, any disagreement, any error) sends `AuditCrossCheck` to the
/// exact check, which finds and words the first disagreement as before. So it is only
/// ever faster, never more lenient.
struct StreamingCrossCheck {
    let tx: StoreTransaction
    let tally: TrailTally

    func agrees() throws -> Bool {
        guard !tally.unsure, let rows = tx.rows else { return false }
        var indexed = RowKeyDigest()
        var stored = RowKeyDigest()
        guard try forestsMatchVersionKeys(&indexed), try versionRowsAuthentic(rows, &stored), indexed == stored else {
            return false
        }
        return try AuditCrossCheck.connectorDisagreement(tx, audited: tally.connectors) == nil
            && AuditCrossCheck.agePolicyDisagreement(tx, audited: tally.agePolicies) == nil
    }

    /// Forests by name against the version keys, each forest's versions consumed as it goes.
    private func forestsMatchVersionKeys(_ digest: inout RowKeyDigest) throws -> Bool {
        var audited = tally.lastVersions
        let keys = try tx.versionKeyCursor()
        var hasKey = try keys.next()
        var agrees = true
        try tx.forEachForest { forest in
            guard agrees else { return }
            var name = forest.name
            agrees = try name.withUTF8 { (name) throws -> Bool in
                let name = UnsafeRawBufferPointer(name)
                guard RawBytes.isPlainASCII(name), Int64(forest.currentVersion) >= (audited.take(name) ?? 0) else { return false }
                return try StreamingCrossCheck.versions(of: name, upTo: forest.currentVersion, keys, &hasKey, &digest)
            }
        }
        // Keys left over name no forest; an audited forest not taken is gone.
        return agrees && !hasKey && audited.matchedCount == audited.count
    }

    /// Steps `keys` over `name`'s versions: true when they are exactly 1...`current` (a key
    /// of a smaller name, seen here, is an orphan).
    private static func versions(
        of name: UnsafeRawBufferPointer, upTo current: Int, _ keys: StatementCursor, _ hasKey: inout Bool,
        _ digest: inout RowKeyDigest
    ) throws -> Bool {
        var next: Int64 = 1
        while hasKey {
            let row = keys.row
            guard let forest = row.plainText(0), let version = row.storedInteger(1), let rowid = row.storedInteger(2)
            else { return false }
            let order = RawBytes.compare(forest, name)
            if order > 0 { break }
            guard order == 0, version == next else { return false }
            digest.add(forest: forest, version: version, rowid: rowid)
            next += 1
            hasKey = try keys.next()
        }
        return next - 1 == Int64(current)
    }

    /// Every version row's MAC, in table order.
    private func versionRowsAuthentic(_ rows: RowAuthenticator, _ digest: inout RowKeyDigest) throws -> Bool {
        let hasher = try rows.makeHasher()
        var encoder = CanonicalBuffer(capacity: 512)
        var agrees = true
        let empty = UnsafeRawBufferPointer(start: nil, count: 0)
        try tx.forEachVersionRow { row in
            encoder.reset()
            guard let mac = SecretVersionRecord.appendCanonical(of: row, vaultID: rows.vaultID, to: &encoder),
                  let forest = row.plainText(0), let version = row.storedInteger(1), let rowid = row.storedInteger(13)
            else { agrees = false; return false }
            try hasher.compute(previous: empty, canonical: encoder.bytes)
            guard hasher.outputEquals(mac) else { agrees = false; return false }
            digest.add(forest: forest, version: version, rowid: rowid)
            return true
        }
        return agrees
    }
}

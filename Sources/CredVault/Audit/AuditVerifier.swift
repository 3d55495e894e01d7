

/// Walks the whole chain in seq order and stops at the first bad event.
///
/// The walk reads rows through a raw SQLite statement, builds each event's canonical bytes in
/// one reused buffer and MACs them with one reused hash state: a million events take well
/// under two seconds in a release build.
final class AuditVerifier {
    private let key: SymmetricKey

    init(key: consuming SymmetricKey) {
        self.key = key
    }

    /// `tally`, when given, takes in every event whose MAC verified (for `AuditCrossCheck`).
    func verify(_ tx: StoreTransaction, checkpoint: AuditCheckpoint? = nil, tally: TrailTally? = nil) throws -> AuditVerification {
        let hasher = try ChainHasher(key: key)
        var canonical = CanonicalBuffer(capacity: 1024)
        var previous = AuditLog.genesisMAC
        var expected: Int64 = 1
        var count = 0
        var problem: AuditProblem?
        var checkpointSeen = false
        var checkpointMatches = false
        try tx.forEachAuditRow { row in
            let seq = row.seq
            if seq > expected {
                problem = .missing(from: expected, to: seq - 1)
                return false
            }
            if seq < expected {
                // Only seq < 1 can get here (seq is the primary key, read in order).
                problem = .outOfOrder(seq: seq, belongsAt: nil)
                return false
            }
            canonical.reset()
            row.appendCanonical(seq: seq, to: &canonical)
            try previous.withUnsafeBytes { try hasher.compute(previous: $0, canonical: canonical.bytes) }
            let mac = row.mac
            guard hasher.outputEquals(mac) else {
                problem = .edited(seq: seq)
                return false
            }
            for index in 0..<KeyedHash.macLength { previous[index] = mac[index] }
            tally?.observe(row)
            if let checkpoint, checkpoint.seq == seq {
                checkpointSeen = true
                checkpointMatches = KeyedHash.equal(previous, checkpoint.mac)
            }
            count += 1
            expected = seq + 1
            return true
        }
        let head = count > 0 ? AuditCheckpoint(seq: expected - 1, mac: previous) : nil
        if case .edited(let seq)? = problem {
            problem = try classifyMismatch(tx, at: seq)
        }
        if problem == nil, count == 0 { problem = .empty }
        // The chain itself holds; now hold it against the checkpoint.
        if problem == nil, let checkpoint {
            if !checkpointSeen {
                problem = .truncated(head: expected - 1, checkpointSeq: checkpoint.seq)
            } else if !checkpointMatches, !(try rekeyAttests(tx, checkpoint: checkpoint)) {
                problem = .checkpointMismatch(seq: checkpoint.seq, rekeyedAt: try tx.firstRekey(after: checkpoint.seq))
            }
        }
        // Last, the head anchor says whether the chain still ends where credvault last wrote.
        if problem == nil, let head, let anchor = try AuditAnchorState.read(tx) {
            problem = try anchor.problem(head: head, tx)
        }
        return AuditVerification(count: count, head: head, problem: problem)
    }

    /// A MAC mismatch at `seq` is an edit, unless the row is a genuine event from another
    /// position (rows swapped or moved): its MAC then verifies at that position. Runs only
    /// on the failure path, so it may read the whole table again.
    private func classifyMismatch(_ tx: StoreTransaction, at seq: Int64) throws -> AuditProblem {
        guard var event = try tx.auditEvent(at: seq) else { return .edited(seq: seq) }
        let storedMAC = event.mac
        let log = AuditLog(key: try key.copy(), identity: .current())
        // Position t is preceded by the MAC stored at t-1, or (when two neighbours were
        // swapped) by the MAC now stored at t itself.
        var candidates: [(Int64, [UInt8])] = []
        var previousMAC: [UInt8]?
        var found: Int64?
        try tx.forEachAuditMAC { t, macBytes in
            candidates.removeAll(keepingCapacity: true)
            if t == 1 { candidates.append((1, AuditLog.genesisMAC)) }
            if let previousMAC { candidates.append((t, previousMAC)) }
            candidates.append((t, macBytes))
            for (position, prev) in candidates where position != seq {
                event.seq = position
                if KeyedHash.equal(try log.mac(of: event, after: prev), storedMAC) { found = position; return false }
            }
            previousMAC = macBytes
            return true
        }
        if let found { return .outOfOrder(seq: seq, belongsAt: found) }
        // Time order as a second witness: an event older than its predecessor or newer than
        // its successor was most likely moved there.
        let before = try tx.auditTime(neighbouring: seq, before: true)
        let after = try tx.auditTime(neighbouring: seq, before: false)
        if let before, before > event.time { return .outOfOrder(seq: seq, belongsAt: nil) }
        if let after, after < event.time { return .outOfOrder(seq: seq, belongsAt: nil) }
        return .edited(seq: seq)
    }

    /// Whether a rekey event in the (verified) chain records `checkpoint` as the head it
    /// re-MACed: checkpoints taken just before a rekey stay checkable.
    private func rekeyAttests(_ tx: StoreTransaction, checkpoint: AuditCheckpoint) throws -> Bool {
        let details = try tx.rekeyDetails(after: checkpoint.seq)
        let needle = "\"previous_head\":\(JSONStringCodec.quote("seq=\(checkpoint.seq) mac=\(checkpoint.macHex)"))"
        return details.contains { $0.contains(needle) }
    }

}

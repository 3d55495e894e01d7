/// What is wrong with an audit chain, at the first place it goes wrong.
public enum AuditProblem: Sendable, Equatable, CustomStringConvertible {
    /// The event's MAC does not match its contents: a field was changed (or the event
    /// before it was replaced).
    case edited(seq: Int64)
    /// Events `from...to` are gone: the chain jumps over them.
    case missing(from: Int64, to: Int64)
    /// The event stored at `seq` is genuine but belongs elsewhere (rows moved or swapped).
    /// `belongsAt` is its real position when it could be found.
    case outOfOrder(seq: Int64, belongsAt: Int64?)
    /// The chain ends at `head`, before the checkpoint's seq: events were cut from the end,
    /// or the vault was replaced by an older copy.
    case truncated(head: Int64, checkpointSeq: Int64)
    /// The event at the checkpoint's seq has another MAC than the checkpoint: the vault is
    /// not the one the checkpoint was taken from, or was rolled back and written again.
    case checkpointMismatch(seq: Int64, rekeyedAt: Int64?)
    /// The vault holds no audit event at all (even `init` writes one).
    case empty

    /// A stable name for scripts and SIEMs (`audit verify --json`).
    public var kind: String {
        switch self {
        case .edited: "edited"
        case .missing: "missing"
        case .outOfOrder: "out_of_order"
        case .truncated: "truncated"
        case .checkpointMismatch: "checkpoint_mismatch"
        case .empty: "empty"
        }
    }

    /// The first bad seq, as `audit verify` names it.
    public var seq: Int64? {
        switch self {
        case .edited(let seq), .outOfOrder(let seq, _), .checkpointMismatch(let seq, _): return seq
        case .missing(let from, _): return from
        case .truncated(let head, _): return head + 1
        case .empty: return nil
        }
    }

    public var description: String {
        switch self {
        case .edited(let seq):
            return "audit trail broken at seq \(seq): edited (its MAC does not match its contents)"
        case .missing(let from, let to):
            let span = from == to ? "seq \(from) is" : "seq \(from) to \(to) (\(to - from + 1) events) are"
            return "audit trail broken at seq \(from): missing (\(span) gone; the chain jumps from seq \(from - 1) to \(to + 1))"
        case .outOfOrder(let seq, let belongsAt):
            let place = belongsAt.map { "the event stored at seq \(seq) belongs at seq \($0)" }
                ?? "the event stored at seq \(seq) is out of time order with its neighbours"
            return "audit trail broken at seq \(seq): out of order (\(place); rows were moved or swapped)"
        case .truncated(let head, let checkpointSeq):
            return "audit trail truncated: it ends at seq \(head) but the checkpoint is at seq \(checkpointSeq) "
                + "(events were cut from the end, or the vault was rolled back to an older copy)"
        case .checkpointMismatch(let seq, let rekeyedAt):
            var text = "audit trail does not match the checkpoint at seq \(seq) "
                + "(the vault was replaced by another copy, or rolled back and written again)"
            if let rekeyedAt {
                text += "; note: the vault was rekeyed at seq \(rekeyedAt), after this checkpoint, and a rekey re-MACs the "
                    + "trail: take a new checkpoint, or compare with that event's previous_head"
            }
            return text
        case .empty:
            return "audit trail is empty: even `credvault init` records an event, so events were deleted"
        }
    }
}

/// The head of the chain as one line to keep outside the vault (a ticket, a syslog):
/// `credvault-checkpoint v1 seq=N mac=HEX`. It needs no secrecy: it only lets a later
/// `audit verify --checkpoint` prove the chain still reaches this event with this MAC.
public struct AuditCheckpoint: Sendable, Equatable, CustomStringConvertible {
    public static let prefix = "credvault-checkpoint v1"
    public let seq: Int64
    public let mac: [UInt8]

    public init(seq: Int64, mac: [UInt8]) {
        self.seq = seq
        self.mac = mac
    }

    /// Parses a checkpoint line (surrounding spaces ignored).
    public init(line: String) throws(CredVaultError) {
        let words = line.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" })
        guard words.count == 4, "\(words[0]) \(words[1])" == AuditCheckpoint.prefix,
              words[2].hasPrefix("seq="), let seq = Int64(words[2].dropFirst(4)), seq >= 1,
              words[3].hasPrefix("mac="), let mac = Hex.decode(String(words[3].dropFirst(4))), mac.count == 32
        else {
            throw .usage(.notACheckpointLine)
        }
        self.init(seq: seq, mac: mac)
    }

    public var macHex: String { Hex.encode(mac) }
    public var description: String { "\(AuditCheckpoint.prefix) seq=\(seq) mac=\(macHex)" }
}

/// The result of walking the chain.
public struct AuditVerification: Sendable, Equatable {
    /// Events checked before the walk stopped (all of them when `problem` is nil).
    public let count: Int
    /// The last good event.
    public let head: AuditCheckpoint?
    /// The first thing wrong, or nil when the whole chain (and the checkpoint, if given) holds.
    public let problem: AuditProblem?

    public var isIntact: Bool { problem == nil }
}

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

    func verify(_ tx: StoreTransaction, checkpoint: AuditCheckpoint? = nil) throws -> AuditVerification {
        let hasher = ChainHasher(key: try key.copy())
        var canonical = CanonicalEncoder(capacity: 1024)
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
            try previous.withUnsafeBytes { prev in
                try canonical.bytes.withUnsafeBytes { try hasher.compute(previous: prev, canonical: $0) }
            }
            let mac = row.mac
            guard hasher.outputEquals(mac) else {
                problem = .edited(seq: seq)
                return false
            }
            for index in 0..<KeyedHash.macLength { previous[index] = mac[index] }
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
        let needle = "\"previous_head\":\(JSONText.quote("seq=\(checkpoint.seq) mac=\(checkpoint.macHex)"))"
        return details.contains { $0.contains(needle) }
    }

}

extension SymmetricKey {
    /// A second copy of this key in its own secure memory.
    func copy() throws(CredVaultError) -> SymmetricKey {
        try SymmetricKey(bytes.slice(0..<bytes.count))
    }
}

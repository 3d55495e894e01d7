/// What the vault's audit head anchor (`AuditHeadAnchor`) says, checked against its row MAC:
/// the one place that decides whether an append moves the anchor and what `audit verify`
/// reports about it.
///
/// An anchor is only ever moved from the head it names to the event appended after it. One
/// that names another event, or fails its MAC, is left as it is: the next append must not
/// launder a trail cut at its end, and `audit verify` keeps reporting it.
enum AuditAnchorState {
    /// No row: right for an empty trail (a vault being created), tampering otherwise.
    case absent
    /// Written by migration v7-audit-head, which has no key to MAC it; the next append seals it.
    case unsealed(AuditHeadAnchor)
    case sealed(AuditHeadAnchor)
    /// The row fails its MAC or its columns are malformed.
    case tampered(String)

    /// What an append does with the anchor.
    enum Step {
        /// The first event of a new vault: insert the anchor (and mark the trail).
        case create
        /// Move it to the new event; `seal` also MACs it for the first time (and marks the trail).
        case advance(seal: Bool)
        /// The anchor does not name the head: keep the evidence.
        case leave

        /// Whether the event appended records that the anchor is MACed from now on.
        var marksTrail: Bool {
            switch self {
            case .create, .advance(seal: true): true
            case .advance(seal: false), .leave: false
            }
        }

        /// Stores `anchor` (the event just appended) as this step says.
        func apply(_ anchor: AuditHeadAnchor, in tx: StoreTransaction) throws {
            switch self {
            case .create: try tx.insertAuditAnchor(anchor)
            case .advance: try tx.updateAuditAnchor(anchor)
            case .leave: break
            }
        }
    }

    /// The anchor as stored; nil when `tx` has no row key (the vault is not unlocked).
    static func read(_ tx: StoreTransaction) throws -> AuditAnchorState? {
        guard let rows = tx.rows else { return nil }
        let stored: (anchor: AuditHeadAnchor, mac: [UInt8]?)?
        do {
            stored = try tx.storedAuditAnchor()
        } catch CredVaultError.malformedRecord(_, _, let column) {
            return .tampered("has a malformed \(column)")
        }
        guard let stored else { return .absent }
        guard let mac = stored.mac else { return .unsealed(stored.anchor) }
        return try rows.matches(stored.anchor, stored: mac) ? .sealed(stored.anchor) : .tampered("fails its MAC")
    }

    /// What the append of the event after `head` (nil: the trail is empty) does with the anchor.
    func step(after head: (seq: Int64, mac: [UInt8])?, _ tx: StoreTransaction) throws -> Step {
        switch self {
        case .absent: return head == nil ? .create : .leave
        case .sealed(let anchor): return anchor.names(head) ? .advance(seal: false) : .leave
        case .unsealed(let anchor):
            guard anchor.names(head) else { return .leave }
            return try tx.auditRecordsHeadAnchor() ? .leave : .advance(seal: true)
        case .tampered: return .leave
        }
    }

    /// What is wrong with the anchor of a chain that verified up to `head`; nil when it names it.
    func problem(head: AuditCheckpoint, _ tx: StoreTransaction) throws -> AuditProblem? {
        switch self {
        case .absent: return .anchorTampered("is missing")
        case .tampered(let why): return .anchorTampered(why)
        case .unsealed(let anchor):
            if try tx.auditRecordsHeadAnchor() { return .anchorTampered("has lost its MAC") }
            return try AuditAnchorState.compare(anchor, head: head, tx)
        case .sealed(let anchor): return try AuditAnchorState.compare(anchor, head: head, tx)
        }
    }

    /// An anchor past the head, or naming an event the trail no longer holds, is a cut at the
    /// end; one naming a genuine older event is an older copy of the anchor row.
    private static func compare(_ anchor: AuditHeadAnchor, head: AuditCheckpoint, _ tx: StoreTransaction) throws -> AuditProblem? {
        if anchor.names((head.seq, head.mac)) { return nil }
        if anchor.seq < head.seq, let stored = try tx.auditEventMAC(at: anchor.seq), KeyedHash.equal(stored, anchor.eventMAC) {
            return .anchorTampered("names seq \(anchor.seq), an older event than the trail's last (seq \(head.seq)): "
                + "it was replaced by an older copy")
        }
        return .cutAtEnd(anchoredSeq: anchor.seq, lastSeq: head.seq)
    }
}

/// Appends many events inside one write transaction (an import's: one per record), keeping the
/// chain head in memory instead of reading it back, and moving the head anchor once, to the
/// last event, in `finish`.
///
/// Why this is the same trail `AuditLog.append` would write, event for event: the write lock
/// is held from the first append to the commit, so nothing but this batch changes the trail or
/// the anchor in between. The first event goes through `AuditLog.append`'s own path (head and
/// anchor read from the database, the anchor created, moved or left exactly as there); after
/// it, every `append` would find the anchor naming the previous event — and so move it again —
/// if the first one moved it, and would leave it alone if the first one left it. Moving it once
/// at the end leaves the same row at commit; a batch that throws rolls back with the rest.
struct AuditBatch {
    private let log: AuditLog
    private var head: (seq: Int64, mac: [UInt8])?
    private var started = false
    /// Whether the anchor follows the head (the first append created or moved it).
    private var anchorFollows = false
    /// The newest event whose anchor move is still to be written.
    private var pendingAnchor: AuditHeadAnchor?

    init(log: AuditLog) {
        self.log = log
    }

    mutating func append(_ draft: AuditEventDraft, in tx: StoreTransaction) throws {
        guard started else {
            let (event, step) = try log.appendReadingHead(draft, in: tx)
            head = (event.seq, event.mac)
            started = true
            if case .leave = step {} else { anchorFollows = true }
            return
        }
        let event = try log.sealedEvent(draft, after: head, marksAnchor: false)
        try tx.insertAuditEvent(event)
        head = (event.seq, event.mac)
        if anchorFollows { pendingAnchor = AuditHeadAnchor(seq: event.seq, eventMAC: event.mac) }
    }

    /// Writes the anchor move the appends after the first one deferred. Call before the commit.
    mutating func finish(in tx: StoreTransaction) throws {
        guard let anchor = pendingAnchor else { return }
        try tx.updateAuditAnchor(anchor)
        pendingAnchor = nil
    }
}

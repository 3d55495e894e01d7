
/// Appends events to the MAC chain: `mac_n = BLAKE2b(key: audit key, mac_(n-1) || canonical(event_n))`.
/// Appends only happen inside the caller's write transaction, so an event exists exactly
/// when the change it records does; the head anchor (`AuditAnchorState`) moves to each new
/// event in that same transaction.
final class AuditLog {
    /// The MAC "before" the first event.
    static let genesisMAC = [UInt8](repeating: 0, count: KeyedHash.macLength)

    private let key: SymmetricKey
    private let identity: ProcessIdentity

    init(key: consuming SymmetricKey, identity: ProcessIdentity) {
        self.key = key
        self.identity = identity
    }

    @discardableResult
    func append(_ draft: AuditEventDraft, in tx: StoreTransaction) throws -> AuditEvent {
        try appendReadingHead(draft, in: tx).event
    }

    /// `append`, also telling what it did with the head anchor (`AuditBatch` keeps it in step).
    func appendReadingHead(_ draft: AuditEventDraft, in tx: StoreTransaction) throws -> (event: AuditEvent, anchor: AuditAnchorState.Step) {
        let head = try tx.auditHead()
        let anchorStep = try AuditAnchorState.read(tx)?.step(after: head, tx) ?? .leave
        let event = try sealedEvent(draft, after: head, marksAnchor: anchorStep.marksTrail)
        try tx.insertAuditEvent(event)
        try anchorStep.apply(AuditHeadAnchor(seq: event.seq, eventMAC: event.mac), in: tx)
        return (event, anchorStep)
    }

    /// The event after `head` (nil: the first of the trail), stamped and MACed into the chain.
    func sealedEvent(
        _ draft: AuditEventDraft, after head: (seq: Int64, mac: [UInt8])?, marksAnchor: Bool
    ) throws(CredVaultError) -> AuditEvent {
        // Under sudo every event also names the invoker (detail keys are open; see docs/audit.md).
        var detail = identity.sudoDetail.isEmpty ? draft.detail : draft.detail.merging(identity.sudoDetail) { own, _ in own }
        if marksAnchor { detail[AuditLog.anchorMark] = "1" }
        var event = AuditEvent(
            seq: (head?.seq ?? 0) + 1,
            time: Timestamp.now(),
            actor: identity.user,
            uid: Int64(identity.uid),
            host: identity.host,
            pid: Int64(identity.pid),
            action: draft.action.rawValue,
            forest: draft.forest,
            version: draft.version,
            connector: draft.connector,
            outcome: draft.outcome.rawValue,
            fingerprint: draft.fingerprint?.short,
            reason: draft.reason,
            detail: detail.isEmpty ? nil : AuditLog.encodeDetail(detail),
            mac: [])
        event.mac = try mac(of: event, after: head?.mac ?? AuditLog.genesisMAC)
        return event
    }

    /// The detail key of the event that first MACs the head anchor (docs/audit.md).
    static let anchorMark = "audit_head"

    func mac(of event: AuditEvent, after previousMAC: [UInt8]) throws(CredVaultError) -> [UInt8] {
        try KeyedHash.mac(key: key, previousMAC, event.canonicalBytes)
    }

    /// Flat JSON with sorted keys: the same detail always stores as the same text.
    static func encodeDetail(_ detail: [String: String]) -> String {
        // Written into one string (no array of pairs to join): every imported record has a detail.
        var text = "{"
        for (index, key) in detail.keys.sorted().enumerated() {
            if index > 0 { text += "," }
            text += JSONStringCodec.quote(key)
            text += ":"
            text += JSONStringCodec.quote(detail[key]!)
        }
        return text + "}"
    }
}

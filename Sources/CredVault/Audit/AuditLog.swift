
/// Appends events to the MAC chain: `mac_n = BLAKE2b(key: audit key, mac_(n-1) || canonical(event_n))`.
/// Appends only happen inside the caller's write transaction, so an event exists exactly
/// when the change it records does.
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
        let head = try tx.auditHead()
        let previousSeq = head?.seq ?? 0
        let previousMAC = head?.mac ?? AuditLog.genesisMAC
        // Under sudo every event also names the invoker (detail keys are open; see docs/audit.md).
        let detail = draft.detail.merging(identity.sudoDetail) { own, _ in own }
        var event = AuditEvent(
            seq: previousSeq + 1,
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
        event.mac = try mac(of: event, after: previousMAC)
        try tx.insertAuditEvent(event)
        return event
    }

    func mac(of event: AuditEvent, after previousMAC: [UInt8]) throws(CredVaultError) -> [UInt8] {
        try KeyedHash.mac(key: key, previousMAC, event.canonicalBytes)
    }

    /// Flat JSON with sorted keys: the same detail always stores as the same text.
    static func encodeDetail(_ detail: [String: String]) -> String {
        "{" + detail.keys.sorted().map { "\(JSONStringCodec.quote($0)):\(JSONStringCodec.quote(detail[$0]!))" }
            .joined(separator: ",") + "}"
    }
}

/// The `audit_head` row: the seq and MAC of the newest audit event, MACed under the config
/// subkey. The chain proves every event before the last one; this row proves which one is
/// last, so a trail cut at its end no longer verifies (migration v7-audit-head).
struct AuditHeadAnchor: Equatable {
    static let columns = "seq, event_mac, mac"
    static let macTag = "credvault-audit-head-v1"

    let seq: Int64
    let eventMAC: [UInt8]

    /// Whether this anchor names `head` (the trail's newest event as stored); nil names nothing.
    func names(_ head: (seq: Int64, mac: [UInt8])?) -> Bool {
        guard let head else { return false }
        return head.seq == seq && KeyedHash.equal(head.mac, eventMAC)
    }
}

/// Seq and event MAC, bound to the vault id: an anchor copied from another vault, or moved to
/// another event, does not verify.
extension AuditHeadAnchor: AuthenticatedRow {
    func canonicalBytes(vaultID: [UInt8]) -> [UInt8] {
        var encoder = CanonicalEncoder(capacity: 96)
        encoder.append(AuditHeadAnchor.macTag)
        encoder.append(vaultID)
        encoder.append(seq)
        encoder.append(eventMAC)
        return encoder.bytes
    }
}

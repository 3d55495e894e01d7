
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
            detail: draft.detail.isEmpty ? nil : AuditLog.encodeDetail(draft.detail),
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
        "{" + detail.keys.sorted().map { "\(JSONText.quote($0)):\(JSONText.quote(detail[$0]!))" }
            .joined(separator: ",") + "}"
    }
}

/// JSON string quoting for the few places that write JSON by hand.
public enum JSONText {
    public static func quote(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}

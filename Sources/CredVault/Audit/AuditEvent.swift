

/// One stored event, exactly as its MAC covers it.
public struct AuditEvent: Sendable, Equatable {
    public var seq: Int64
    public var time: String
    public var actor: String
    public var uid: Int64
    public var host: String
    public var pid: Int64
    public var action: String
    public var forest: String?
    public var version: Int?
    public var connector: String?
    public var outcome: String
    public var fingerprint: String?
    public var reason: String?
    public var detail: String?
    public var mac: [UInt8]

    /// The first field of every event's canonical bytes: names the encoding's version.
    static let canonicalTag = "credvault-audit-v1"

    /// The bytes the MAC covers: every field but the MAC, in a fixed order, length-prefixed
    /// (see docs/audit.md). `AuditRowView.appendCanonical` builds the same bytes from a row.
    var canonicalBytes: [UInt8] {
        var encoder = CanonicalEncoder(capacity: 256)
        encoder.append(AuditEvent.canonicalTag)
        encoder.append(seq)
        encoder.append(time)
        encoder.append(actor)
        encoder.append(uid)
        encoder.append(host)
        encoder.append(pid)
        encoder.append(action)
        encoder.appendOptional(forest)
        encoder.appendOptional(version)
        encoder.appendOptional(connector)
        encoder.append(outcome)
        encoder.appendOptional(fingerprint)
        encoder.appendOptional(reason)
        encoder.appendOptional(detail)
        return encoder.bytes
    }
}

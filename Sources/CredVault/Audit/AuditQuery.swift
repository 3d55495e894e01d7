
/// Which events `credvault audit` shows. Every filter is optional; they combine with AND.
public struct AuditQuery: Sendable, Equatable {
    /// A forest name, normalised like everywhere else (lower case).
    public var forest: String?
    /// An action (`set`, `push.failed`) or a family (`push`, `connector`, `keyslot`): all its actions.
    public var action: String?
    /// Inclusive lower bound, as stored (RFC 3339 UTC with milliseconds).
    public var since: String?
    /// Inclusive upper bound, as stored.
    public var until: String?
    /// Only events after this seq: a log shipper's cursor (the last seq it has sent).
    public var afterSeq: Int64?

    public init() {}

    /// Checks and normalises the filters as a user types them. TIME is RFC 3339
    /// (`2026-11-25T13:00:00Z`, `2026-11-25T14:00:00+01:00`) or a date `YYYY-MM-DD`;
    /// a date in `until` means the end of that day. `afterSeq` is 0 or more.
    public init(
        forest: String?, action: String?, since: String?, until: String?, afterSeq: Int64? = nil
    ) throws(CredVaultError) {
        if let afterSeq, afterSeq < 0 { throw .invalidInput("an audit seq is 0 or more, not \(afterSeq)") }
        self.afterSeq = afterSeq
        if let forest { self.forest = try Validation.forest(forest) }
        if let action {
            let families = Set(AuditAction.allCases.compactMap { $0.rawValue.split(separator: ".").count > 1 ? String($0.rawValue.split(separator: ".")[0]) : nil })
            guard AuditAction(rawValue: action) != nil || families.contains(action) else {
                let known = AuditAction.allCases.map(\.rawValue).joined(separator: ", ")
                throw .invalidInput("unknown audit action \"\(Validation.printable(action))\" (known: \(known); or a family: \(families.sorted().joined(separator: ", ")))")
            }
            self.action = action
        }
        if let since { self.since = try AuditQuery.bound(since, endOfDay: false, bound: .since) }
        if let until { self.until = try AuditQuery.bound(until, endOfDay: true, bound: .until) }
        if let from = self.since, let to = self.until, from > to {
            throw .reversedTimeRange(since: since!, until: until!)
        }
    }

    /// TIME as the stored text form, so the comparison runs on the column as it is.
    static func bound(_ text: String, endOfDay: Bool, bound: TimeBound) throws(CredVaultError) -> String {
        guard var seconds = Timestamp.parse(text) else {
            throw .invalidTime(bound, text: text)
        }
        if endOfDay && text.utf8.count == 10 {
            // The last millisecond of that day.
            seconds += 86_400 - 0.001
        }
        let whole = seconds.rounded(.down)
        let milliseconds = Int(((seconds - whole) * 1000).rounded(.down))
        return Timestamp.format(seconds: Int(whole), milliseconds: min(milliseconds, 999))
    }
}

extension AuditEvent {
    /// The event's detail as key/value pairs, or nil when it holds none (or is not flat JSON).
    public var detailFields: [(key: String, value: String)]? {
        guard let detail else { return nil }
        return FlatJSON.parse(detail)
    }

    /// One JSON Lines record for a SIEM: every field, in the documented order (docs/audit.md).
    public var jsonLine: String {
        var bytes: [UInt8] = []
        appendJSONLine(to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends `jsonLine`'s bytes (without a line break) to `out`: `audit --json` writes a
    /// long trail into one reused buffer instead of building strings field by field.
    public func appendJSONLine(to out: inout [UInt8]) {
        var line = JSONBytes(capacity: 1024)
        var writer = AuditJSONLine()
        writer.append(self, to: &line)
        line.withUnsafeBytes { out.append(contentsOf: $0) }
    }
}

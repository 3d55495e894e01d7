

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
    /// The vault's head anchor (`audit_head`) names seq `anchoredSeq` as the newest event, but
    /// the chain ends at `lastSeq` without it: events were cut from the end (and, when
    /// `lastSeq >= anchoredSeq`, others written since). Detected without a checkpoint.
    case cutAtEnd(anchoredSeq: Int64, lastSeq: Int64)
    /// The head anchor row itself was deleted, edited, or replaced by an older copy.
    case anchorTampered(String)
    /// The vault holds no audit event at all (even `init` writes one).
    case empty
    /// The chain holds, but the rows say otherwise (a forest, version or connector deleted
    /// or rolled back behind the vault's back).
    case rowsDisagree(String)

    /// A stable name for scripts and SIEMs (`audit verify --json`).
    public var kind: String {
        switch self {
        case .edited: "edited"
        case .missing: "missing"
        case .outOfOrder: "out_of_order"
        case .truncated, .cutAtEnd: "truncated"
        case .anchorTampered: "anchor_tampered"
        case .checkpointMismatch: "checkpoint_mismatch"
        case .empty: "empty"
        case .rowsDisagree: "rows_disagree"
        }
    }

    /// The first bad seq, as `audit verify` names it.
    public var seq: Int64? {
        switch self {
        case .edited(let seq), .outOfOrder(let seq, _), .checkpointMismatch(let seq, _): return seq
        case .missing(let from, _): return from
        case .truncated(let head, _): return head + 1
        case .cutAtEnd(let anchored, let last): return last < anchored ? last + 1 : anchored
        case .empty, .rowsDisagree, .anchorTampered: return nil
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
        case .cutAtEnd(let anchored, let last) where last < anchored:
            return "audit trail truncated: it ends at seq \(last) but the vault's head anchor is at seq \(anchored) "
                + "(the newest events were deleted)"
        case .cutAtEnd(let anchored, let last):
            return "audit trail truncated: the vault's head anchor is at seq \(anchored) but the trail holds another "
                + "event there and ends at seq \(last) (events were cut from the end and others written since)"
        case .anchorTampered(let detail):
            return "audit trail intact but its head anchor (audit_head) \(detail): the end of the trail is not vouched for"
        case .empty:
            return "audit trail is empty: even `credvault init` records an event, so events were deleted"
        case .rowsDisagree(let detail):
            return "audit trail intact but the vault's rows disagree with it: \(detail)"
        }
    }
}

/// What changed about a file connector's target since `connector add` pinned it (or since
/// credvault last wrote it): each a reason to refuse a push rather than write a password
/// where it may not belong.
public enum TargetChange: Sendable, Equatable, CustomStringConvertible {
    /// The path itself is now a symbolic link (the connector was added without --follow-symlinks).
    case symlinked
    /// The path now resolves to another file (a folder on the way was swapped or relinked).
    case resolvesElsewhere(now: String, pinned: String)
    /// Another file (device and inode) than the one pinned or last written is at the path.
    case replaced
    /// The file belongs to another user.
    case owner(pinned: UInt32, now: UInt32)
    /// Group or others may now read or write it where they could not.
    case widened(pinned: UInt32, now: UInt32)
    /// The path is no longer a regular file.
    case notRegular

    public var description: String {
        switch self {
        case .symlinked: return "it is now a symbolic link"
        case .resolvesElsewhere(let now, let pinned): return "it now resolves to \(now), not \(pinned)"
        case .replaced: return "it was replaced by another file (device or inode changed)"
        case .owner(let pinned, let now): return "its owner changed from uid \(pinned) to uid \(now)"
        case .widened(let pinned, let now):
            return "its mode widened from \(TargetChange.octal(pinned)) to \(TargetChange.octal(now))"
        case .notRegular: return "it is no longer a regular file"
        }
    }

    private static func octal(_ mode: UInt32) -> String {
        "0" + String(mode & 0o7777, radix: 8)
    }
}

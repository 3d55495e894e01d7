#if canImport(Glibc)
import Glibc
#endif

/// The identity of a file connector's target, recorded at `connector add` (issue 14,
/// finding 6) and kept in the connector's configuration, so the row MAC covers it.
///
/// Without `followSymlinks` the path must not be a symlink, must still resolve to the same
/// file name, and the file must be the same inode as the one pinned or last written by a
/// push (each atomic replace makes a new inode; the push row records it). With it, the link
/// is followed wherever it points (the behaviour before pinning), and only owner and mode
/// are held. Either way the owner must not change and the mode must not open up to group
/// or others.
public struct TargetPin: Sendable, Equatable, Codable {
    public var resolvedPath: String
    public var device: UInt64
    public var inode: UInt64
    public var owner: UInt32
    public var mode: UInt32
    public var followSymlinks: Bool

    enum CodingKeys: String, CodingKey {
        case resolvedPath = "resolved_path", device, inode, owner, mode
        case followSymlinks = "follow_symlinks"
    }

    /// The pin of the file at `path` now. A symlinked path is refused unless `followSymlinks`.
    static func take(_ path: String, followSymlinks: Bool) throws(CredVaultError) -> TargetPin {
        var link = stat()
        guard lstat(path, &link) == 0 else { throw .missing(.targetFile(path: path)) }
        if (link.st_mode & S_IFMT) == S_IFLNK, !followSymlinks {
            throw .invalidInput("the target \(path) is a symbolic link; add the connector with --follow-symlinks to write through it")
        }
        let file = try FileAdapter.load(path)
        return TargetPin(
            resolvedPath: file.realPath, device: file.device, inode: file.inode, owner: file.owner,
            mode: UInt32(file.mode), followSymlinks: followSymlinks)
    }

    /// What changed in `file` (as just loaded) against this pin, or nil. `lastWrittenInode`
    /// is the inode the newest push that reached the target left there.
    func change(in file: borrowing TargetFile, lastWrittenInode: UInt64?) -> TargetChange? {
        if !followSymlinks {
            if file.pathIsSymlink { return .symlinked }
            if file.realPath != resolvedPath { return .resolvesElsewhere(now: file.realPath, pinned: resolvedPath) }
        }
        if file.owner != owner { return .owner(pinned: owner, now: file.owner) }
        let shared: UInt32 = 0o077
        if UInt32(file.mode) & shared & ~(mode & shared) != 0 { return .widened(pinned: mode, now: UInt32(file.mode)) }
        // Checked last: a replaced file with the right owner and mode may still be credvault's
        // own (see TargetProbe), one with another owner or mode never is.
        if !followSymlinks, file.device != device || file.inode != (lastWrittenInode ?? inode) { return .replaced }
        return nil
    }
}

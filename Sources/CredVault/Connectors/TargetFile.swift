#if canImport(Glibc)
import Glibc
#endif

/// A target file read into secure memory (it holds a password), with the facts a
/// replacement must keep (the real path behind any symlink, mode and owner) and the ones a
/// `TargetPin` checks (device, inode, whether the path itself is a symlink),
/// all taken from the descriptor the contents were read from.
struct TargetFile: ~Copyable {
    let path: String
    let realPath: String
    let contents: SecureBytes
    let mode: mode_t
    let owner: uid_t
    let group: gid_t
    let device: UInt64
    let inode: UInt64
    let pathIsSymlink: Bool

    init(path: String, realPath: String, contents: consuming SecureBytes, mode: mode_t, owner: uid_t, group: gid_t,
         device: UInt64 = 0, inode: UInt64 = 0, pathIsSymlink: Bool = false) {
        self.path = path
        self.realPath = realPath
        self.contents = contents
        self.mode = mode
        self.owner = owner
        self.group = group
        self.device = device
        self.inode = inode
        self.pathIsSymlink = pathIsSymlink
    }
}

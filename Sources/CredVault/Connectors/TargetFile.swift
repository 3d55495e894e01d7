#if canImport(Glibc)
import Glibc
#endif

/// A target file read into secure memory (it holds a password), with the facts a
/// replacement must keep: the real path behind any symlink, mode and owner.
struct TargetFile: ~Copyable {
    let path: String
    let realPath: String
    let contents: SecureBytes
    let mode: mode_t
    let owner: uid_t
    let group: gid_t
}

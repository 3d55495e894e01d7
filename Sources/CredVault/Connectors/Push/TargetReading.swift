/// What a connector's target holds, as a probe read it.
struct TargetReading {
    /// The full fingerprint of the password it holds; nil when unknown (exec never pushed).
    var fingerprint: String?
    /// The newest version with that fingerprint; nil when it matches none.
    var version: Int?
    /// A file target whose file is gone.
    var missing = false
    /// A pinned file at another inode than credvault last wrote that holds one of the
    /// forest's passwords: a push killed between its rename and its commit left it. The next
    /// run's write checks against it (and records its own); a restart-only run's row records it.
    var adoptedInode: UInt64?
}

/// What a connector's target holds, as a probe read it.
struct TargetReading {
    /// The full fingerprint of the password it holds; nil when unknown (exec never pushed).
    var fingerprint: String?
    /// The newest version with that fingerprint; nil when it matches none.
    var version: Int?
    /// A file target whose file is gone.
    var missing = false
}

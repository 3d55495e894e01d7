import Foundation

/// Active Directory's time encodings: points in time as FILETIME (100-ns ticks since
/// 1601-01-01 UTC, e.g. `pwdLastSet`) and durations as negative 100-ns ticks (`minPwdAge`).
public enum FileTime {
    /// Seconds between 1601-01-01 and 1970-01-01.
    static let epochOffset: Int64 = 11_644_473_600
    static let ticksPerSecond: Int64 = 10_000_000

    /// The date of a FILETIME; nil for 0 ("never set" / "must change") and for the maximum
    /// ("never").
    public static func date(_ fileTime: Int64) -> Date? {
        guard fileTime > 0, fileTime != Int64.max else { return nil }
        let seconds = Double(fileTime / ticksPerSecond - epochOffset) + Double(fileTime % ticksPerSecond) / Double(ticksPerSecond)
        return Date(timeIntervalSince1970: seconds)
    }

    /// The FILETIME of `date`.
    public static func fileTime(_ date: Date) -> Int64 {
        Int64(((date.timeIntervalSince1970 + Double(epochOffset)) * Double(ticksPerSecond)).rounded())
    }

    /// Seconds in an AD interval (`minPwdAge`, `maxPwdAge`; stored negative); nil for
    /// Int64.min, AD's "never".
    public static func interval(_ ticks: Int64) -> TimeInterval? {
        guard ticks != Int64.min else { return nil }
        return Double(ticks.magnitude) / Double(ticksPerSecond)
    }

    /// The AD interval for `seconds` (negative ticks), as `samba-tool` and ADUC write it.
    public static func ticks(_ seconds: TimeInterval) -> Int64 {
        -Int64((seconds * Double(ticksPerSecond)).rounded())
    }
}

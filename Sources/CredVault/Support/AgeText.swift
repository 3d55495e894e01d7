/// A duration in seconds the way people read a password's age: `95d 2h`, `3h 10m`, `42s`.
public enum AgeText {
    public static func short(_ seconds: Int) -> String {
        if seconds < 60 { return "\(seconds)s" }
        if seconds < 3600 { return "\(seconds / 60)m" }
        if seconds < 86400 { return "\(seconds / 3600)h \(seconds % 3600 / 60)m" }
        return "\(seconds / 86400)d \(seconds % 86400 / 3600)h"
    }

    /// A maximum age in the largest unit it is a whole number of (`90d`, `12h`, `2w` reads `14d`).
    public static func limit(_ seconds: Int) -> String {
        if seconds % 86_400 == 0 { return "\(seconds / 86_400)d" }
        if seconds % 3_600 == 0 { return "\(seconds / 3_600)h" }
        return "\(seconds)s"
    }
}

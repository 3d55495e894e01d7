#if canImport(Glibc)
import Glibc
#endif
import Synchronization

/// RFC 3339 UTC timestamps with milliseconds, e.g. `2026-11-25T13:53:10.123Z`.
/// Made with gmtime_r rather than a Foundation formatter: every command stamps an audit
/// event, and a formatter's start-up cost would be paid on each run.
public enum Timestamp {
    public static func now() -> String {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        return stamp(seconds: Int(now.tv_sec), milliseconds: Int(now.tv_nsec / 1_000_000))
    }

    /// The text before the milliseconds (`2026-11-25T13:53:10.`) of the last second stamped:
    /// an import stamps every record twice, and gmtime_r plus the padding cost more than the
    /// rest of a timestamp.
    private static let lastSecond = Mutex<(seconds: Int, prefix: [UInt8])>((Int.min, []))

    /// `format(seconds:milliseconds:)`, with the date and time formatted once per second.
    static func stamp(seconds: Int, milliseconds: Int) -> String {
        guard (0..<1000).contains(milliseconds) else { return format(seconds: seconds, milliseconds: milliseconds) }
        let prefix = lastSecond.withLock { cached in
            if cached.seconds != seconds {
                cached = (seconds, Array(format(seconds: seconds).utf8.dropLast(4)))
            }
            return cached.prefix
        }
        return String(unsafeUninitializedCapacity: prefix.count + 4) { out in
            _ = out.initialize(from: prefix)
            out[prefix.count] = UInt8(ascii: "0") + UInt8(milliseconds / 100)
            out[prefix.count + 1] = UInt8(ascii: "0") + UInt8(milliseconds / 10 % 10)
            out[prefix.count + 2] = UInt8(ascii: "0") + UInt8(milliseconds % 10)
            out[prefix.count + 3] = UInt8(ascii: "Z")
            return prefix.count + 4
        }
    }

    /// Seconds since the epoch now, as `parse` gives them.
    public static func seconds() -> Double {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        return Double(now.tv_sec) + Double(now.tv_nsec) / 1e9
    }

    public static func format(seconds: Int, milliseconds: Int = 0) -> String {
        var time = time_t(seconds)
        var parts = tm()
        gmtime_r(&time, &parts)
        func pad(_ value: Int32, _ width: Int) -> String {
            let digits = String(value)
            return String(repeating: "0", count: Swift.max(0, width - digits.count)) + digits
        }
        return "\(pad(parts.tm_year + 1900, 4))-\(pad(parts.tm_mon + 1, 2))-\(pad(parts.tm_mday, 2))T"
            + "\(pad(parts.tm_hour, 2)):\(pad(parts.tm_min, 2)):\(pad(parts.tm_sec, 2))."
            + "\(pad(Int32(milliseconds), 3))Z"
    }

    /// Seconds since the epoch for an RFC 3339 time (`Z` or `±hh:mm`), or a bare date
    /// `YYYY-MM-DD` meaning its midnight UTC. Nil when the text is neither.
    public static func parse(_ text: String) -> Double? {
        // Read in place: `list` parses a time per forest.
        var text = text
        return text.withUTF8 { parse(utf8: $0) }
    }

    private static func parse(utf8 bytes: UnsafeBufferPointer<UInt8>) -> Double? {
        func number(_ range: Range<Int>) -> Int? {
            guard range.upperBound <= bytes.count else { return nil }
            var value = 0
            for index in range {
                let byte = bytes[index]
                guard byte >= 48 && byte <= 57 else { return nil }
                value = value * 10 + Int(byte - 48)
            }
            return value
        }
        guard let year = number(0..<4), bytes.count >= 10, bytes[4] == 45, bytes[7] == 45,
              let month = number(5..<7), let day = number(8..<10),
              (1...12).contains(month), (1...31).contains(day) else { return nil }
        var hour = 0, minute = 0, second = 0
        var fraction = 0.0
        var offsetSeconds = 0
        if bytes.count > 10 {
            guard bytes.count >= 20, bytes[10] == 84 || bytes[10] == 116 || bytes[10] == 32,
                  let h = number(11..<13), bytes[13] == 58, let m = number(14..<16), bytes[16] == 58,
                  let s = number(17..<19), h < 24, m < 60, s < 61 else { return nil }
            hour = h; minute = m; second = s
            var index = 19
            if index < bytes.count && bytes[index] == 46 {
                index += 1
                var scale = 0.1
                let start = index
                while index < bytes.count, bytes[index] >= 48, bytes[index] <= 57 {
                    fraction += Double(bytes[index] - 48) * scale
                    scale /= 10
                    index += 1
                }
                guard index > start else { return nil }
            }
            guard index < bytes.count else { return nil }
            if bytes[index] == 90 || bytes[index] == 122 {
                guard index + 1 == bytes.count else { return nil }
            } else if bytes[index] == 43 || bytes[index] == 45 {
                guard index + 6 == bytes.count, let oh = number(index + 1..<index + 3), bytes[index + 3] == 58,
                      let om = number(index + 4..<index + 6) else { return nil }
                offsetSeconds = (oh * 3600 + om * 60) * (bytes[index] == 43 ? 1 : -1)
            } else {
                return nil
            }
        }
        var parts = tm()
        parts.tm_year = Int32(year - 1900)
        parts.tm_mon = Int32(month - 1)
        parts.tm_mday = Int32(day)
        parts.tm_hour = Int32(hour)
        parts.tm_min = Int32(minute)
        parts.tm_sec = Int32(second)
        let epoch = timegm(&parts)
        return Double(epoch - offsetSeconds) + fraction
    }
}

import Foundation

/// Reads service log lines as text: the two seed symptoms and a leading timestamp.
enum LogScanner {
    static func symptom(in line: String) -> String? {
        let lower = line.lowercased()
        if lower.contains("no-start-credentials") { return "no-start-credentials" }
        // "Event ID 6000", "EventID: 6000", "event id=6000"
        var search = lower[...]
        while let range = search.range(of: "event") {
            var rest = search[range.upperBound...].drop { $0 == " " || $0 == "_" || $0 == "-" }
            if rest.hasPrefix("id") {
                rest = rest.dropFirst(2).drop { $0 == " " || $0 == ":" || $0 == "=" || $0 == "#" }
                if rest.hasPrefix("6000") && !(rest.dropFirst(4).first?.isNumber ?? false) { return "Event ID 6000" }
            }
            search = search[range.upperBound...]
        }
        return nil
    }

    /// A line saying a run worked: after it, earlier symptoms no longer stand.
    static func isSuccess(_ line: String) -> Bool {
        let lower = line.lowercased()
        guard symptom(in: line) == nil, !lower.contains("fail"), !lower.contains("error") else { return false }
        return lower.contains("completed successfully") || lower.contains("started successfully")
            || lower.contains("succeeded") || lower.contains("status: success") || lower.contains("run-status: success")
    }

    /// The first ISO time in the line, else the first US one (`12/1/2026 8:20 PM`, as Event
    /// Viewer writes), as epoch seconds; UTC when the line gives no zone.
    static func timestamp(in line: String) -> Double? {
        isoTimestamp(in: line) ?? usTimestamp(in: line)
    }

    /// `M/D/YYYY h:mm[:ss] [AM|PM]` (24-hour when there is no AM or PM).
    static func usTimestamp(in line: String) -> Double? {
        guard let match = line.prefix(200).firstMatch(of: /(\d{1,2})\/(\d{1,2})\/(\d{4})[ ,T]+(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\s*([AaPp])[Mm])?/),
              let month = Int(match.1), let day = Int(match.2), let year = Int(match.3),
              var hour = Int(match.4), let minute = Int(match.5) else { return nil }
        let second = match.6.flatMap { Int($0) } ?? 0
        if let half = match.7?.lowercased() {
            guard (1...12).contains(hour) else { return nil }
            hour = hour % 12 + (half == "p" ? 12 : 0)
        }
        guard (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second < 61 else { return nil }
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : String(value) }
        return Timestamp.parse("\(year)-\(two(month))-\(two(day))T\(two(hour)):\(two(minute)):\(two(second))Z")
    }

    /// The first `YYYY-MM-DD[T ]hh:mm:ss[.fff][Z|±hh:mm]` in the line, as epoch seconds (UTC when no zone).
    static func isoTimestamp(in line: String) -> Double? {
        let bytes = Array(line.utf8.prefix(200))
        guard bytes.count >= 19 else { return nil }
        func digit(_ i: Int) -> Bool { i < bytes.count && bytes[i] >= 48 && bytes[i] <= 57 }
        for start in 0...(bytes.count - 19) {
            let pattern = [0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18]
            guard pattern.allSatisfy({ digit(start + $0) }), bytes[start + 4] == 45, bytes[start + 7] == 45,
                  bytes[start + 10] == 84 || bytes[start + 10] == 32, bytes[start + 13] == 58, bytes[start + 16] == 58 else { continue }
            var end = start + 19
            if end < bytes.count && bytes[end] == 46 {
                end += 1
                while digit(end) { end += 1 }
            }
            var zone = "Z"
            if end < bytes.count && (bytes[end] == 90 || bytes[end] == 122) {
                end += 1
            } else if end + 6 <= bytes.count && (bytes[end] == 43 || bytes[end] == 45) && digit(end + 1) && digit(end + 2) && bytes[end + 3] == 58 {
                zone = String(decoding: bytes[end..<(end + 6)], as: UTF8.self)
                end += 6
            }
            var text = String(decoding: bytes[start..<min(end, bytes.count)], as: UTF8.self)
            text = text.replacingOccurrences(of: " ", with: "T")
            if text.hasSuffix("Z") || text.hasSuffix("z") || zone != "Z" {
                if zone != "Z" { return Timestamp.parse(text) }
                return Timestamp.parse(text)
            }
            return Timestamp.parse(text + zone)
        }
        return nil
    }
}

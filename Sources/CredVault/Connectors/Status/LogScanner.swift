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

    /// The first `YYYY-MM-DD[T ]hh:mm:ss[.fff][Z|±hh:mm]` in the line, as epoch seconds (UTC when no zone).
    static func timestamp(in line: String) -> Double? {
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



/// The formats `credvault import` reads.
public enum ImportFormat: String, CaseIterable, Sendable {
    /// One JSON object per line: {"forest": …, "account": …, "password": …}.
    case jsonl
    /// `forest,account,password` rows (RFC 4180 quoting), with an optional header row.
    case csv
}

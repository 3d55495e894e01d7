/// The formats of a file target.
public enum TargetFormat: String, Sendable, Codable, CaseIterable {
    /// A JSON document; the password sits at a dotted key path such as `connectivity.password`.
    case json
    /// `key=value` lines; comments, blank lines and order are kept.
    case keyvalue
}

import Foundation
import TestSupport

/// Plain JSON access for checking the CLI's JSON output shape.
enum JSON {
    static func object(_ text: String) throws -> [String: Any] {
        guard let value = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] else {
            throw TestFailure("not a JSON object: \(text.prefix(200))")
        }
        return value
    }

    static func array(_ text: String) throws -> [[String: Any]] {
        guard let value = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: Any]] else {
            throw TestFailure("not a JSON array of objects: \(text.prefix(200))")
        }
        return value
    }
}

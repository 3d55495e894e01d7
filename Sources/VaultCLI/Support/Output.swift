import CredVault
import Foundation

/// Tables for people, JSON for scripts.
enum Output {
    static func json<T: Encodable>(_ value: T) throws(CredVaultError) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Field names are camelCase in Swift, snake_case in the CLI contract (Sources/VaultCLI/JSON).
        encoder.keyEncodingStrategy = .convertToSnakeCase
        do {
            let data = try encoder.encode(value)
            Terminal.write(String(decoding: data, as: UTF8.self) + "\n")
        } catch {
            throw .io("cannot encode JSON output: \(error)")
        }
    }

    /// Left-aligned columns, two spaces apart; a header line first.
    static func table(_ header: [String], _ rows: [[String]]) {
        var table = TableWriter(header: header)
        for row in rows { table.measure(row) }
        for row in rows { table.write(row) }
        table.finish()
    }
}

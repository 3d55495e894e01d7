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
        let rows = rows.map { $0.map(FreeText.escaped) }  // a row edited in the file prints as one line
        var widths = header.map(\.count)
        for row in rows {
            for (index, cell) in row.enumerated() where index < widths.count {
                widths[index] = max(widths[index], cell.count)
            }
        }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { index, cell in
                index == cells.count - 1 ? cell : cell.padding(toLength: widths[index], withPad: " ", startingAt: 0)
            }.joined(separator: "  ")
        }
        var text = line(header) + "\n"
        for row in rows { text += line(row) + "\n" }
        Terminal.write(text)
    }
}

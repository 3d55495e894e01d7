import CredVault
import Foundation

/// Tables for people, JSON for scripts.
enum Output {
    static func json<T: Encodable>(_ value: T) throws(CredVaultError) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
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

/// JSON shapes of the read commands. Field names are part of the CLI contract.
struct VersionJSON: Encodable {
    let version: Int
    let created_at: String
    let actor: String
    let source: String
    let fingerprint: String
    let account: String
    let reason: String?
    let rolled_back_from: Int?
    let pushes: [PushJSON]

    struct PushJSON: Encodable {
        let connector: String
        let kind: String
        let state: String
        let started_at: String
        let updated_at: String
    }

    init(_ info: VersionInfo, pushes: [PushRecord] = []) {
        version = info.version
        created_at = info.createdAt
        actor = info.actor
        source = info.source.rawValue
        fingerprint = info.fingerprint.short
        account = info.account
        reason = info.reason
        rolled_back_from = info.rolledBackFrom
        self.pushes = pushes.map {
            PushJSON(connector: $0.connector, kind: $0.kind.rawValue, state: $0.state.rawValue,
                     started_at: $0.startedAt, updated_at: $0.updatedAt)
        }
    }
}

struct ForestJSON: Encodable {
    let forest: String
    let account: String
    let current_version: Int
    let updated_at: String

    init(_ summary: ForestSummary) {
        forest = summary.forest
        account = summary.account
        current_version = summary.currentVersion
        updated_at = summary.updatedAt
    }
}

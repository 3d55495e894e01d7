import Foundation
import GRDB

/// Turns fuzz bytes into a database row of up to 14 columns of any storage class, read
/// back through SQLite so the row is what a real fetch hands the decoders.
enum FuzzRow {
    private static let queue: DatabaseQueue = {
        guard let queue = try? DatabaseQueue() else { fatalError("no in-memory database") }
        return queue
    }()

    static func make(from input: UnsafeRawBufferPointer) -> Row? {
        let values = self.values(from: input, limit: 14)
        guard !values.isEmpty else { return nil }
        return try? select(values) { try Row.fetchOne($0) }
    }

    /// Up to `limit` values of any storage class, as many as the input describes.
    static func values(from input: UnsafeRawBufferPointer, limit: Int) -> [DatabaseValue] {
        var reader = Reader(bytes: Array(input))
        var values: [DatabaseValue] = []
        while values.count < limit, let tag = reader.byte() {
            values.append(reader.value(tag: tag))
        }
        return values
    }

    /// Runs `body` with the statement `SELECT ?, ?, …` bound to `values` (at least one).
    static func select<T>(_ values: [DatabaseValue], _ body: (Statement) throws -> T) throws -> T {
        try queue.read { db in
            let placeholders = Array(repeating: "?", count: values.count).joined(separator: ", ")
            let statement = try db.makeStatement(sql: "SELECT \(placeholders)")
            try statement.setArguments(StatementArguments(values.map { $0 as (any DatabaseValueConvertible)? }))
            return try body(statement)
        }
    }

    private struct Reader {
        let bytes: [UInt8]
        var index = 0

        mutating func byte() -> UInt8? {
            guard index < bytes.count else { return nil }
            defer { index += 1 }
            return bytes[index]
        }

        mutating func take(_ count: Int) -> [UInt8] {
            let end = min(bytes.count, index + count)
            defer { index = end }
            return Array(bytes[index..<end])
        }

        mutating func value(tag: UInt8) -> DatabaseValue {
            switch tag % 5 {
            case 0: return .null
            case 1: return Int64(take(8).reduce(0) { $0 << 8 | Int64($1) }).databaseValue
            case 2: return Double(Int64(take(8).reduce(0) { $0 << 8 | Int64($1) })).databaseValue
            case 3: return String(decoding: take(Int(byte() ?? 0)), as: UTF8.self).databaseValue
            default: return Data(take(Int(byte() ?? 0))).databaseValue
            }
        }
    }
}

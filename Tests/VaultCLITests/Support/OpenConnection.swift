import Foundation
import TestSupport

/// A sqlite3 shell that stays connected to a vault until `close()`. While another connection
/// is open, SQLite keeps the -wal and -shm files after each credvault process exits, so a test
/// can look inside them.
final class OpenConnection {
    private let process = Process()
    private let input = Pipe()
    private let output = Pipe()
    private var closed = false

    init(databasePath: String) throws {
        process.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        process.arguments = [databasePath]
        process.standardInput = input
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        // One read of the database makes the connection real (WAL index mapped); wait for its answer.
        try input.fileHandleForWriting.write(contentsOf: Data("SELECT count(*) || ' connected' FROM sqlite_master;\n".utf8))
        var seen = Data()
        while !(String(decoding: seen, as: UTF8.self).contains("connected")) {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { throw TestFailure("sqlite3 exited before connecting to \(databasePath)") }
            seen.append(chunk)
        }
    }

    func close() {
        guard !closed else { return }
        closed = true
        try? input.fileHandleForWriting.close()
        process.waitUntilExit()
        try? output.fileHandleForReading.close()
    }

    deinit { close() }
}

import CredVault
import Foundation

/// Writes `Output.table`'s layout without holding the rows: every row is measured first
/// (`measure`), then written (`write`) in the same order, so a caller that can produce its
/// rows twice (`audit` reads its events in two passes over one snapshot) needs memory for
/// one row, not for the whole table. Output is flushed in 64 KiB pieces.
struct TableWriter {
    private let header: [String]
    private var widths: [Int]
    private var output = OutputBuffer()
    private var wroteHeader = false

    init(header: [String]) {
        self.header = header
        widths = header.map(\.count)
    }

    /// Widens the columns to fit `row` (escaped as it will be written).
    mutating func measure(_ row: [String]) {
        for (index, cell) in row.enumerated() where index < widths.count {
            widths[index] = max(widths[index], FreeText.escaped(cell).count)
        }
    }

    /// Appends `row`, after the header line if it is the first.
    mutating func write(_ row: [String]) {
        writeHeaderOnce()
        // A row edited in the file prints as one line.
        append(line(row.map(FreeText.escaped)))
    }

    /// Writes what is left (the header alone when there were no rows).
    mutating func finish() {
        writeHeaderOnce()
        output.flush()
    }

    private mutating func writeHeaderOnce() {
        guard !wroteHeader else { return }
        wroteHeader = true
        append(line(header))
    }

    private mutating func append(_ text: String) {
        output.append(text)
        output.append("\n")
    }

    private func line(_ cells: [String]) -> String {
        cells.enumerated().map { index, cell in
            index == cells.count - 1 ? cell : TableWriter.pad(cell, to: widths[index])
        }.joined(separator: "  ")
    }

    /// `cell.padding(toLength:withPad:startingAt:)` (Foundation, counted in UTF-16 units), done
    /// by hand for printable ASCII, where every count is the byte count.
    private static func pad(_ cell: String, to width: Int) -> String {
        guard FreeText.isPrintableASCII(cell) else { return cell.padding(toLength: width, withPad: " ", startingAt: 0) }
        let length = cell.utf8.count
        if length >= width { return String(cell.utf8.prefix(width))! }
        return cell + String(repeating: " ", count: width - length)
    }
}

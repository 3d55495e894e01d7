import CredVault
#if canImport(Glibc)
import Glibc
#endif

/// Standard output gathered into pieces of about 64 KiB: a streamed listing makes one write
/// per piece, not one per row, and never holds more than one piece. The buffer is reused.
struct OutputBuffer {
    private static let piece = 64 << 10
    private var pending: [UInt8] = []

    init() {
        pending.reserveCapacity(OutputBuffer.piece + 4096)
    }

    mutating func append(_ text: String) {
        pending.append(contentsOf: text.utf8)
        if pending.count >= OutputBuffer.piece { flush() }
    }

    mutating func flush() {
        guard !pending.isEmpty else { return }
        _ = pending.withUnsafeBytes { POSIXIO.writeAll($0, to: STDOUT_FILENO) }
        pending.removeAll(keepingCapacity: true)
    }
}

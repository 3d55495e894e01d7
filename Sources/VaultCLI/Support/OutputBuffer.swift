/// Standard output gathered into pieces of about 64 KiB: a streamed listing makes one write
/// per piece, not one per row, and never holds more than one piece.
struct OutputBuffer {
    private var pending = ""

    mutating func append(_ text: String) {
        pending += text
        if pending.utf8.count >= 64 << 10 { flush() }
    }

    mutating func flush() {
        guard !pending.isEmpty else { return }
        Terminal.write(pending)
        pending = ""
    }
}

import CredVault

/// The audit checkpoint line: any text parses or is refused with the one typed usage error;
/// what parses prints as a line that parses to the same checkpoint; and for any sequence
/// number and MAC, parse(format(x)) == x, also with blanks and a CRLF around the line.
enum CheckpointFuzz {
    static func run(_ input: UnsafeRawBufferPointer) {
        do {
            let parsed = try AuditCheckpoint(line: FuzzInput.text(Array(input)))
            precondition(parsed.seq >= 1 && parsed.mac.count == 32, "a checkpoint out of range parsed")
            precondition(reparsed(parsed.description) == parsed, "a parsed checkpoint does not print back")
        } catch {
            precondition(error == .usage(.notACheckpointLine), "a bad line gave another error: \(error)")
        }
        guard input.count >= 40 else { return }
        let number = input.prefix(8).reduce(UInt64(0)) { $0 << 8 | UInt64($1) } & UInt64(Int64.max)
        let made = AuditCheckpoint(seq: max(1, Int64(number)), mac: Array(input[8..<40]))
        precondition(reparsed(made.description) == made, "parse(format(x)) != x")
        precondition(reparsed(" \t" + made.description + " \r\n") == made, "blanks around a line change it")
        precondition(reparsed(made.description + "\r\n") == made, "a CRLF line end changes it")
    }

    private static func reparsed(_ line: String) -> AuditCheckpoint? {
        try? AuditCheckpoint(line: line)
    }
}

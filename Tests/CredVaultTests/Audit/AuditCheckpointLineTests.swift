import Testing
@testable import CredVault

@Suite("audit checkpoint line")
struct AuditCheckpointLineTests {
    /// Found by bench/fuzz (checkpoint target): Swift reads "\r\n" as one Character, which the
    /// blank test did not match, so a line pasted with a Windows line end was refused.
    @Test("a checkpoint line with a CRLF end or blanks around it parses to the same checkpoint")
    func crlfAndBlanks() throws {
        let checkpoint = AuditCheckpoint(seq: 7, mac: Array(0..<32))
        #expect(try AuditCheckpoint(line: checkpoint.description + "\r\n") == checkpoint)
        #expect(try AuditCheckpoint(line: " \t" + checkpoint.description + " \r\n") == checkpoint)
        #expect(throws: CredVaultError.usage(.notACheckpointLine)) {
            try AuditCheckpoint(line: checkpoint.description + "\r\nx")
        }
    }
}



/// The head of the chain as one line to keep outside the vault (a ticket, a syslog):
/// `credvault-checkpoint v1 seq=N mac=HEX`. It needs no secrecy: it only lets a later
/// `audit verify --checkpoint` prove the chain still reaches this event with this MAC.
public struct AuditCheckpoint: Sendable, Equatable, CustomStringConvertible {
    public static let prefix = "credvault-checkpoint v1"
    public let seq: Int64
    public let mac: [UInt8]

    public init(seq: Int64, mac: [UInt8]) {
        self.seq = seq
        self.mac = mac
    }

    /// Parses a checkpoint line (surrounding spaces ignored).
    public init(line: String) throws(CredVaultError) {
        // "\r\n" is one Character, equal to neither "\r" nor "\n": a CRLF line end needs its own case.
        let words = line.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" })
        guard words.count == 4, "\(words[0]) \(words[1])" == AuditCheckpoint.prefix,
              words[2].hasPrefix("seq="), let seq = Int64(words[2].dropFirst(4)), seq >= 1,
              words[3].hasPrefix("mac="), let mac = Hex.decode(String(words[3].dropFirst(4))), mac.count == 32
        else {
            throw .usage(.notACheckpointLine)
        }
        self.init(seq: seq, mac: mac)
    }

    public var macHex: String { Hex.encode(mac) }
    public var description: String { "\(AuditCheckpoint.prefix) seq=\(seq) mac=\(macHex)" }
}

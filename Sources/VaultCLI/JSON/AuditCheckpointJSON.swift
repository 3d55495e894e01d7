import ArgumentParser
import CredVault

/// `audit checkpoint --json`; `line` is what `audit verify --checkpoint` takes.
struct AuditCheckpointJSON: Encodable {
    let seq: Int64
    let mac: String
    let line: String

    init(_ head: AuditCheckpoint) {
        seq = head.seq
        mac = head.macHex
        line = head.description
    }
}

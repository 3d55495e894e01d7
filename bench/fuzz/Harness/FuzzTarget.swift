import Foundation
import GRDB
@testable import CredVault

/// The parsers and decoders that read untrusted bytes: import files, JSON string literals,
/// rows of a vault edited by someone else, target files, hook commands, checkpoint lines,
/// directory answers. None may crash, and each must keep its promises.
enum FuzzTarget: String, CaseIterable {
    case importJSONL = "import-jsonl"
    case importCSV = "import-csv"
    case jsonString = "json-string"
    case checkedRow = "checked-row"
    case keyvalueEdit = "keyvalue-edit"
    case jsonEdit = "json-edit"
    case auditRow = "audit-row"
    case commandLine = "command-line"
    case checkpoint = "checkpoint"
    case ldapResult = "ldap-result"

    static let selected: FuzzTarget = {
        let name = ProcessInfo.processInfo.environment["CREDVAULT_FUZZ_TARGET"] ?? ""
        guard let target = FuzzTarget(rawValue: name) else {
            fatalError("set CREDVAULT_FUZZ_TARGET to one of: \(allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return target
    }()

    /// Parsing either succeeds with records whose password ranges lie in the arena, or
    /// throws a CredVaultError; it never traps.
    static func importParse(_ input: UnsafeRawBufferPointer, _ format: ImportFormat) {
        guard let secure = try? SecureBytes(copying: input) else { return }
        guard let batch = try? ImportParser.parse(secure, format: format) else { return }
        for entry in batch.entries {
            do {
                try batch.withPassword(of: entry) { password in
                    precondition(password.count == entry.passwordRange.count, "a password range does not match its copy")
                }
            } catch {
                preconditionFailure("a parsed entry's password cannot be lent: \(error)")
            }
        }
    }

    /// Whatever decodes (as the inside of a string literal) re-encodes, as a quoted literal,
    /// to something whose inside decodes to the same bytes; both decoders agree on the length.
    static func jsonStringRoundTrip(_ input: UnsafeRawBufferPointer) {
        let out = UnsafeMutableRawBufferPointer.allocate(byteCount: max(input.count, 1), alignment: 1)
        defer { out.deallocate() }
        guard let length = JSONStringCodec.decode(input, into: out) else { return }
        let decoded = UnsafeRawBufferPointer(rebasing: out[0..<length])
        precondition(JSONStringCodec.decodedLengthIfValid(input) == length, "the two decoders disagree on the length")
        let encodedCount = JSONStringCodec.encodedLength(decoded)
        let encoded = UnsafeMutableRawBufferPointer.allocate(byteCount: max(encodedCount, 1), alignment: 1)
        defer { encoded.deallocate() }
        JSONStringCodec.encode(decoded, into: encoded)
        let again = UnsafeMutableRawBufferPointer.allocate(byteCount: max(encodedCount, 1), alignment: 1)
        defer { again.deallocate() }
        // encode writes a quoted literal; decode reads the inside of one.
        let encodedView = UnsafeRawBufferPointer(rebasing: encoded[1..<encodedCount - 1])
        guard let secondLength = JSONStringCodec.decode(encodedView, into: again) else {
            preconditionFailure("an encoded string does not decode")
        }
        precondition(Array(UnsafeRawBufferPointer(rebasing: again[0..<secondLength])) == Array(decoded),
                     "encode then decode changed the bytes")
    }

    /// Rows of any shape decode to a record or a CredVaultError, never a trap.
    static func checkedRows(_ input: UnsafeRawBufferPointer) {
        guard let row = FuzzRow.make(from: input) else { return }
        _ = try? ForestRecord(row: row)
        _ = try? SecretVersionRecord(row: row)
        _ = try? PushRecord(row: row)
        _ = try? KeySlotRecord.decode(row)
        _ = try? VaultHeader(row: row)
        if let connector = try? ConnectorRecord(row: row) { _ = try? connector.decode() }
    }
}

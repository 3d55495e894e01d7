/// The request value of RFC 3062 Password Modify, DER-encoded in sodium memory:
///
///     PasswdModifyRequestValue ::= SEQUENCE {
///         userIdentity [0] OCTET STRING OPTIONAL,
///         oldPasswd    [1] OCTET STRING OPTIONAL,
///         newPasswd    [2] OCTET STRING OPTIONAL }
///
/// Encoded here rather than with lber's ber_printf: lber grows its buffer with realloc, which
/// leaves unwiped copies of the passwords on the heap; this buffer is sized once and wiped
/// when the value dies.
enum PasswordModifyRequest {
    static let oid = "1.3.6.1.4.1.4203.1.11.1"

    /// The request for `identity` (nil: the bound user), with the old password in `current`
    /// (nil for a reset) and the new one in `new`; both point into `SecureBytes`.
    static func encode(
        identity: String?, current: UnsafeRawBufferPointer?, new: UnsafeRawBufferPointer
    ) throws(DirectoryError) -> SecureBytes {
        let identityBytes = identity.map { Array($0.utf8) }
        var body = 0
        if let identityBytes { body += fieldLength(identityBytes.count) }
        if let current { body += fieldLength(current.count) }
        body += fieldLength(new.count)
        var request: SecureBytes
        do { request = try SecureBytes(count: 1 + lengthOfLength(body) + body) } catch { throw .outOfSecureMemory }
        request.withUnsafeMutableBytes { out in
            var writer = DERWriter(out: out)
            writer.header(tag: 0x30, length: body)
            if let identityBytes { identityBytes.withUnsafeBytes { writer.field(tag: 0x80, $0) } }
            if let current { writer.field(tag: 0x81, current) }
            writer.field(tag: 0x82, new)
            precondition(writer.offset == out.count, "DER length mismatch")
        }
        return request
    }

    private static func fieldLength(_ content: Int) -> Int { 1 + lengthOfLength(content) + content }

    /// Bytes of a DER definite length: one below 128, else 0x8n and n big-endian bytes.
    static func lengthOfLength(_ length: Int) -> Int {
        guard length >= 0x80 else { return 1 }
        var bytes = 0
        var rest = length
        while rest > 0 { bytes += 1; rest >>= 8 }
        return 1 + bytes
    }

    /// Writes DER tag-length-value triples into a buffer sized in advance.
    private struct DERWriter {
        let out: UnsafeMutableRawBufferPointer
        var offset = 0

        mutating func header(tag: UInt8, length: Int) {
            put(tag)
            let size = PasswordModifyRequest.lengthOfLength(length)
            if size == 1 {
                put(UInt8(length))
                return
            }
            put(0x80 | UInt8(size - 1))
            for shift in stride(from: (size - 2) * 8, through: 0, by: -8) {
                put(UInt8(truncatingIfNeeded: length >> shift))
            }
        }

        mutating func field(tag: UInt8, _ content: UnsafeRawBufferPointer) {
            header(tag: tag, length: content.count)
            if content.count > 0, let source = content.baseAddress {
                (out.baseAddress! + offset).copyMemory(from: source, byteCount: content.count)
            }
            offset += content.count
        }

        private mutating func put(_ byte: UInt8) {
            out[offset] = byte
            offset += 1
        }
    }
}

/// The `unicodePwd` value AD wants: the password in double quotes, UTF-16LE (MS-ADTS 3.1.1.3.1.5),
/// built in sodium memory from the UTF-8 password without ever forming a Swift `String`.
enum ADPasswordValue {
    static let attribute = "unicodePwd"

    static func encode(_ password: borrowing SecureBytes) throws(DirectoryError) -> SecureBytes {
        let units = try password.withUnsafeBytes { (raw) throws(DirectoryError) -> Int in
            var count = 0
            guard transcodeUTF16(raw, { _ in count += 1 }) else { throw .passwordNotUTF8 }
            return count
        }
        var value: SecureBytes
        do { value = try SecureBytes(count: (units + 2) * 2) } catch { throw .outOfSecureMemory }
        password.withUnsafeBytes { raw in
            value.withUnsafeMutableBytes { out in
                var offset = 0
                func put(_ unit: UInt16) {
                    out[offset] = UInt8(truncatingIfNeeded: unit)
                    out[offset + 1] = UInt8(truncatingIfNeeded: unit >> 8)
                    offset += 2
                }
                put(0x22)
                _ = transcodeUTF16(raw, put)
                put(0x22)
            }
        }
        return value
    }

    /// Feeds the UTF-16 code units of UTF-8 `bytes` to `sink`; false if `bytes` is not UTF-8.
    private static func transcodeUTF16(_ bytes: UnsafeRawBufferPointer, _ sink: (UInt16) -> Void) -> Bool {
        let failed = transcode(bytes.makeIterator(), from: UTF8.self, to: UTF16.self, stoppingOnError: true, into: sink)
        return !failed
    }
}

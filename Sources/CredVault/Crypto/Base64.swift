/// Standard base64 for keyfiles, done here so key bytes never pass through String or Data.
enum Base64 {
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

    static func encodeSecret(_ key: borrowing SecureBytes) throws(CredVaultError) -> SecureBytes {
        let outputCount = (key.count + 2) / 3 * 4
        var out = try SecureBytes(count: outputCount)
        key.withUnsafeBytes { input in
            out.withUnsafeMutableBytes { output in
                var o = 0
                var i = 0
                while i < input.count {
                    let b0 = UInt32(input[i])
                    let b1 = i + 1 < input.count ? UInt32(input[i + 1]) : 0
                    let b2 = i + 2 < input.count ? UInt32(input[i + 2]) : 0
                    let triple = b0 << 16 | b1 << 8 | b2
                    output[o] = alphabet[Int(triple >> 18 & 63)]
                    output[o + 1] = alphabet[Int(triple >> 12 & 63)]
                    output[o + 2] = i + 1 < input.count ? alphabet[Int(triple >> 6 & 63)] : UInt8(ascii: "=")
                    output[o + 3] = i + 2 < input.count ? alphabet[Int(triple & 63)] : UInt8(ascii: "=")
                    i += 3
                    o += 4
                }
            }
        }
        return out
    }

    /// Decoded bytes, or nil when `text` is not canonical padded base64.
    static func decodeSecret(_ text: UnsafeRawBufferPointer) throws(CredVaultError) -> SecureBytes? {
        guard text.count % 4 == 0 else { return nil }
        var padding = 0
        if text.count >= 1 && text[text.count - 1] == UInt8(ascii: "=") { padding += 1 }
        if text.count >= 2 && text[text.count - 2] == UInt8(ascii: "=") { padding += 1 }
        var out = try SecureBytes(count: text.count / 4 * 3 - padding)
        let ok = out.withUnsafeMutableBytes { output -> Bool in
            var o = 0
            var i = 0
            while i < text.count {
                var triple: UInt32 = 0
                for j in 0..<4 {
                    let c = text[i + j]
                    let value: UInt32
                    if c == UInt8(ascii: "=") && i + j >= text.count - padding {
                        value = 0
                    } else if let index = alphabet.firstIndex(of: c) {
                        value = UInt32(index)
                    } else {
                        return false
                    }
                    triple = triple << 6 | value
                }
                // Canonical only: the bits a padded final group does not use must be zero,
                // so each key has exactly one spelling.
                if i + 4 == text.count {
                    if padding == 2 && triple & 0xffff != 0 { return false }
                    if padding == 1 && triple & 0xff != 0 { return false }
                }
                for (k, shift) in [16, 8, 0].enumerated() where o + k < output.count && k < 3 {
                    if i + 4 == text.count && k >= 3 - padding { break }
                    output[o + k] = UInt8(truncatingIfNeeded: triple >> UInt32(shift))
                }
                o += 3
                i += 4
            }
            return true
        }
        guard ok else { return nil }
        return out
    }
}

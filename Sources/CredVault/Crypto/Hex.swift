/// Lowercase hex, the one encoder and decoder of the code base.
enum Hex {
    private static let digits = Array("0123456789abcdef".utf8)

    static func encode(_ bytes: some Collection<UInt8>) -> String {
        var out = [UInt8]()
        out.reserveCapacity(bytes.count * 2)
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends the hex digits of `bytes` to `out` (`audit --json` writes a MAC per event).
    static func append(_ bytes: UnsafeRawBufferPointer, to out: inout JSONBytes) {
        let target = out.reserve(2 * bytes.count)
        pairs.withUnsafeBufferPointer { pairs in
            for (index, byte) in bytes.enumerated() {
                target.storeBytes(of: pairs[Int(byte)], toByteOffset: 2 * index, as: UInt16.self)
            }
        }
        out.commit(2 * bytes.count)
    }

    /// Both digits of every byte, in memory order: one store per byte.
    private static let pairs: [UInt16] = (0..<256).map { byte in
        (UInt16(digits[byte >> 4]) | UInt16(digits[byte & 0x0f]) << 8).littleEndian
    }

    static func decode(_ text: String) -> [UInt8]? {
        let utf8 = Array(text.utf8)
        guard utf8.count % 2 == 0 else { return nil }
        var out = [UInt8]()
        out.reserveCapacity(utf8.count / 2)
        var index = 0
        while index < utf8.count {
            guard let high = value(utf8[index]), let low = value(utf8[index + 1]) else { return nil }
            out.append(high << 4 | low)
            index += 2
        }
        return out
    }

    private static func value(_ digit: UInt8) -> UInt8? {
        switch digit {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return digit - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return digit - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return digit - UInt8(ascii: "A") + 10
        default: return nil
        }
    }
}

/// UTF-8 validation over raw bytes, so a password is checked without becoming a String.
enum UTF8Check {
    static func isValid(_ bytes: UnsafeRawBufferPointer) -> Bool {
        var index = 0
        while index < bytes.count {
            let lead = bytes[index]
            let length: Int
            var minimum: UInt32
            var scalar: UInt32
            switch lead {
            case 0x00...0x7f: index += 1; continue
            case 0xc2...0xdf: length = 2; scalar = UInt32(lead & 0x1f); minimum = 0x80
            case 0xe0...0xef: length = 3; scalar = UInt32(lead & 0x0f); minimum = 0x800
            case 0xf0...0xf4: length = 4; scalar = UInt32(lead & 0x07); minimum = 0x10000
            default: return false
            }
            guard index + length <= bytes.count else { return false }
            for offset in 1..<length {
                let next = bytes[index + offset]
                guard next & 0xc0 == 0x80 else { return false }
                scalar = scalar << 6 | UInt32(next & 0x3f)
            }
            guard scalar >= minimum, scalar <= 0x10ffff, !(0xd800...0xdfff).contains(scalar) else { return false }
            index += length
        }
        return true
    }
}

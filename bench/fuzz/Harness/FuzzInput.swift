/// Cuts a fuzz input into fields at NUL bytes (a byte no password, key or command may hold),
/// so one input can carry a password, a key and the file around them.
enum FuzzInput {
    /// The first `count - 1` NULs end fields; the last field keeps the rest, NULs and all.
    /// Missing fields are empty.
    static func fields(_ input: UnsafeRawBufferPointer, count: Int) -> [[UInt8]] {
        var fields: [[UInt8]] = []
        var current: [UInt8] = []
        for byte in input {
            if byte == 0, fields.count < count - 1 {
                fields.append(current)
                current = []
            } else {
                current.append(byte)
            }
        }
        fields.append(current)
        while fields.count < count { fields.append([]) }
        return fields
    }

    static func text(_ bytes: [UInt8]) -> String {
        String(decoding: bytes, as: UTF8.self)
    }
}

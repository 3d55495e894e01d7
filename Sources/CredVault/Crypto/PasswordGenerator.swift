internal import CSodium

/// Random passwords that Active Directory's complexity rule accepts: at least three of the
/// four character classes. Every character is drawn uniformly with `randombytes_uniform`
/// (no modulo bias); a draw that misses a class is thrown away and drawn again, which keeps
/// the distribution uniform over all passwords that qualify.
public enum PasswordGenerator {
    public static let defaultLength = 32
    public static let lengthRange = 12...256

    static let classes: [[UInt8]] = [
        Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ".utf8),
        Array("abcdefghijklmnopqrstuvwxyz".utf8),
        Array("0123456789".utf8),
        // No quote, backslash or `=`: the password must survive JSON, key=value files and shells.
        Array("!#$%&()*+,-./:;<>?@[]^_{|}~".utf8),
    ]
    static let alphabet: [UInt8] = classes.flatMap { $0 }

    public static func generate(length: Int = defaultLength) throws(CredVaultError) -> SecureBytes {
        guard lengthRange.contains(length) else {
            throw .invalidInput("a generated password must be \(lengthRange.lowerBound) to \(lengthRange.upperBound) characters, not \(length)")
        }
        var password = try SecureBytes(count: length)
        while true {
            password.withUnsafeMutableBytes { out in
                for index in 0..<length {
                    out[index] = alphabet[Int(randombytes_uniform(UInt32(alphabet.count)))]
                }
            }
            if password.withUnsafeBytes({ classCount(in: $0) }) >= 3 { return password }
        }
    }

    /// How many of the four AD character classes occur in `password`.
    static func classCount(in password: UnsafeRawBufferPointer) -> Int {
        classes.filter { charset in password.contains { charset.contains($0) } }.count
    }
}

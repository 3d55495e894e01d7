#if canImport(Glibc)
import Glibc
#endif

/// Secrets that must not appear in anything a hook prints. Each is kept in secure memory.
public final class Redactor {
    private final class Secret {
        let bytes: SecureBytes
        init(_ bytes: consuming SecureBytes) { self.bytes = bytes }
    }

    private var secrets: [Secret] = []
    public static let marker = Array("[REDACTED]".utf8)

    public init() {}

    public func add(copyOf secret: borrowing SecureBytes) throws(CredVaultError) {
        guard secret.count > 0 else { return }
        let copy = try secret.withUnsafeBytes { (raw) throws(CredVaultError) -> SecureBytes in try SecureBytes(copying: raw) }
        secrets.append(Secret(copy))
    }

    /// `data` with every occurrence of every secret replaced by `[REDACTED]`. When `cut` is
    /// true (more output followed but was dropped), a tail that could be the start of a
    /// secret is redacted too. The input array is wiped.
    public func redact(_ data: inout [UInt8], cut: Bool) -> [UInt8] {
        var output = data
        for secret in secrets {
            output = secret.bytes.replacingOccurrences(in: output, with: Redactor.marker)
            if cut { output = secret.bytes.redactingPartialTail(of: output, with: Redactor.marker) }
        }
        data.withUnsafeMutableBytes { raw in
            if let base = raw.baseAddress { memset(base, 0, raw.count) }
        }
        return output
    }
}

private extension SecureBytes {
    func replacingOccurrences(in haystack: [UInt8], with marker: [UInt8]) -> [UInt8] {
        haystack.withUnsafeBytes { raw -> [UInt8] in
            var out: [UInt8] = []
            out.reserveCapacity(raw.count)
            var index = 0
            while let hit = firstOccurrence(in: raw, from: index) {
                out.append(contentsOf: raw[index..<hit])
                out.append(contentsOf: marker)
                index = hit + count
            }
            out.append(contentsOf: raw[index...])
            return out
        }
    }

    /// Redacts a tail of `haystack` that equals a prefix of these bytes (the secret was cut).
    func redactingPartialTail(of haystack: [UInt8], with marker: [UInt8]) -> [UInt8] {
        withUnsafeBytes { secret -> [UInt8] in
            let longest = Swift.min(secret.count - 1, haystack.count)
            guard longest > 0 else { return haystack }
            for length in stride(from: longest, through: 1, by: -1) {
                let start = haystack.count - length
                if haystack[start...].elementsEqual(secret[0..<length]) {
                    return Array(haystack[..<start]) + marker
                }
            }
            return haystack
        }
    }
}

internal import CSodium
#if canImport(Glibc)
import Glibc
#endif

/// How hard Argon2id works to turn a passphrase into a key-encryption key.
public enum KDFPreset: String, CaseIterable, Sendable {
    case interactive, moderate, sensitive, calibrate
}

/// Argon2id parameters, stored in each passphrase slot (and bound into its associated data)
/// so a vault made on one machine opens on another with the same cost.
public struct KDFParameters: Sendable, Equatable, Codable {
    public let opsLimit: UInt64
    public let memLimit: UInt64
    public let algorithm: Int32

    /// libsodium's crypto_pwhash_ALG_ARGON2ID13 (checked against the header in the tests).
    public static let argon2id13: Int32 = 2

    /// The most passes any way of making a slot asks for (`calibrate`'s ceiling).
    static let maximumOpsLimit: UInt64 = 64
    /// The most memory any preset asks for (SENSITIVE, 1 GiB).
    static let maximumMemLimit = UInt64(crypto_pwhash_MEMLIMIT_SENSITIVE)

    /// The parameters a slot row may hold: the ones credvault could have written. Like age
    /// capping its scrypt work factor, a row edited to ask for 100 GB or a billion passes is
    /// refused as damage instead of being run.
    static let storedOpsLimits = UInt64(crypto_pwhash_OPSLIMIT_MIN)...maximumOpsLimit
    static let storedMemLimits = UInt64(crypto_pwhash_MEMLIMIT_MIN)...maximumMemLimit

    public init(opsLimit: UInt64, memLimit: UInt64, algorithm: Int32 = KDFParameters.argon2id13) {
        self.opsLimit = opsLimit
        self.memLimit = memLimit
        self.algorithm = algorithm
    }

    public static let interactive = KDFParameters(
        opsLimit: UInt64(crypto_pwhash_OPSLIMIT_INTERACTIVE), memLimit: UInt64(crypto_pwhash_MEMLIMIT_INTERACTIVE))
    public static let moderate = KDFParameters(
        opsLimit: UInt64(crypto_pwhash_OPSLIMIT_MODERATE), memLimit: UInt64(crypto_pwhash_MEMLIMIT_MODERATE))
    public static let sensitive = KDFParameters(
        opsLimit: UInt64(crypto_pwhash_OPSLIMIT_SENSITIVE), memLimit: UInt64(crypto_pwhash_MEMLIMIT_SENSITIVE))

    /// Parameters for a preset; `calibrate` measures this machine.
    public static func forPreset(_ preset: KDFPreset) throws(CredVaultError) -> KDFParameters {
        switch preset {
        case .interactive: return .interactive
        case .moderate: return .moderate
        case .sensitive: return .sensitive
        case .calibrate: return try calibrated()
        }
    }

    /// About one second of Argon2id on this machine, never with less memory than MODERATE
    /// (memory is what makes guessing on GPUs expensive; time alone is cheap to parallelise).
    public static func calibrated(targetSeconds: Double = 1.0) throws(CredVaultError) -> KDFParameters {
        let memory = UInt64(crypto_pwhash_MEMLIMIT_MODERATE)
        let probe = KDFParameters(opsLimit: 1, memLimit: memory)
        let salt = Salt.random()
        let passphrase = try SecureBytes.random(count: 16)
        let started = monotonicSeconds()
        _ = try PasswordKDF.deriveKey(from: passphrase, salt: salt, parameters: probe)
        let perPass = Swift.max(monotonicSeconds() - started, 0.001)
        let passes = UInt64((targetSeconds / perPass).rounded(.down))
        let ops = Swift.min(Swift.max(passes, UInt64(crypto_pwhash_OPSLIMIT_MODERATE)), maximumOpsLimit)
        return KDFParameters(opsLimit: ops, memLimit: memory)
    }

    private static func monotonicSeconds() -> Double {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return Double(now.tv_sec) + Double(now.tv_nsec) / 1e9
    }
}

/// A 16-byte Argon2id salt.
public struct Salt: Sendable, Equatable {
    public static let byteCount = Int(crypto_pwhash_SALTBYTES)
    public let bytes: [UInt8]

    public init(bytes: [UInt8]) throws(CredVaultError) {
        guard bytes.count == Salt.byteCount else {
            throw .integrity("a stored salt has \(bytes.count) bytes instead of \(Salt.byteCount)")
        }
        self.bytes = bytes
    }

    public static func random() -> Salt {
        var bytes = [UInt8](repeating: 0, count: byteCount)
        randombytes_buf(&bytes, byteCount)
        return try! Salt(bytes: bytes)
    }
}

enum PasswordKDF {
    /// Argon2id(passphrase, salt) -> 32-byte key.
    static func deriveKey(
        from passphrase: borrowing SecureBytes,
        salt: Salt,
        parameters: KDFParameters
    ) throws(CredVaultError) -> SymmetricKey {
        try SymmetricKey(derive(from: passphrase, salt: salt, parameters: parameters, outputLength: SymmetricKey.byteCount))
    }

    /// Argon2id(passphrase, salt) -> `outputLength` bytes (crypto_pwhash). The key derivation
    /// above is this with 32 bytes; the known-answer tests use the published output lengths.
    static func derive(
        from passphrase: borrowing SecureBytes,
        salt: Salt,
        parameters: KDFParameters,
        outputLength: Int
    ) throws(CredVaultError) -> SecureBytes {
        guard outputLength >= Int(crypto_pwhash_BYTES_MIN) else {
            throw .crypto("Argon2id output must be at least \(crypto_pwhash_BYTES_MIN) bytes")
        }
        var output = try SecureBytes(count: outputLength)
        let status = output.withUnsafeMutableBytes { out in
            passphrase.withUnsafeBytes { secret in
                crypto_pwhash(
                    out.baseAddress!.assumingMemoryBound(to: UInt8.self), UInt64(out.count),
                    secret.baseAddress!.assumingMemoryBound(to: CChar.self), UInt64(secret.count),
                    salt.bytes, parameters.opsLimit, Int(parameters.memLimit), parameters.algorithm)
            }
        }
        guard status == 0 else {
            throw .crypto("Argon2id could not run with \(parameters.memLimit >> 20) MiB (out of memory?)")
        }
        return output
    }
}

internal import CSodium
#if canImport(Glibc)
import Glibc
#endif

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

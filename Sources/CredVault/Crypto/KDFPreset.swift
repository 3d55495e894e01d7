internal import CSodium
#if canImport(Glibc)
import Glibc
#endif

/// How hard Argon2id works to turn a passphrase into a key-encryption key.
public enum KDFPreset: String, CaseIterable, Sendable {
    case interactive, moderate, sensitive, calibrate
}

internal import CSodium

/// The purposes a subkey of the master key serves. The raw values are crypto_kdf subkey ids
/// and part of the file format: never renumber them.
enum SubkeyPurpose: UInt64 {
    case secrets = 1
    case auditMAC = 2
    case fingerprint = 3
    case configMAC = 4
}

/// A version's number, fingerprint and time, without its ciphertext: what push and status
/// compare a target against.
struct VersionStamp {
    let version: Int
    let fingerprint: Fingerprint
    let createdAt: String

    init(record: SecretVersionRecord) {
        version = record.version
        fingerprint = record.fingerprint
        createdAt = record.createdAt
    }
}

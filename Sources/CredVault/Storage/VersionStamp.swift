import GRDB

/// A version's number, fingerprint and time, without its ciphertext: what push and status
/// compare a target against.
struct VersionStamp {
    let version: Int
    let fingerprint: Fingerprint
    let createdAt: String

    init(row: Row, forest: String) throws(CredVaultError) {
        var columns = CheckedRow(row, table: "secret_versions", key: forest)
        version = try columns.value(0, "version")
        columns.key = "\(forest) version \(version)"
        fingerprint = try columns.fingerprint(1, "fingerprint")
        createdAt = try columns.value(2, "created_at")
    }
}

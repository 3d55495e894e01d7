/// `canonicalBytes` made straight from a version row's column bytes, for the cross-check's
/// MAC of every version row (`StreamingCrossCheck`): no record, String or Array per row.
extension SecretVersionRecord {
    private static let tagBytes = Array(macTag.utf8)
    private static let sources: [[UInt8]] = [VersionSource.set, .generate, .rollback, .import].map { Array($0.rawValue.utf8) }

    /// Appends to `encoder` the bytes `canonicalBytes` gives for the row `row` (in `columns`
    /// order) and returns its stored MAC; nil when the row would not read exactly as
    /// `init(row:)` reads it (a column of another type, a text holding a NUL, a bad nonce,
    /// ciphertext, source or fingerprint): the caller then reads it the ordinary way.
    static func appendCanonical(
        of row: StatementRow, vaultID: [UInt8], to encoder: inout some CanonicalSink
    ) -> UnsafeRawBufferPointer? {
        guard let forest = row.plainText(0), let version = row.storedInteger(1), let account = row.plainText(2),
              let createdAt = row.plainText(3), let actor = row.plainText(4),
              let source = row.plainText(5), sources.contains(where: { RawBytes.equal(source, $0) }),
              let reason = row.optionalPlainText(6), let rolledBackFrom = row.optionalStoredInteger(7),
              let nonce = row.blob(8), nonce.count == Nonce.byteCount,
              let ciphertext = row.blob(9), ciphertext.count >= SealedBox.tagByteCount,
              let fingerprint = row.plainText(10), isStoredFingerprint(fingerprint),
              let keyGeneration = row.storedInteger(11), let mac = row.blob(12)
        else { return nil }
        encoder.append(bytes: tagBytes)
        encoder.append(bytes: vaultID)
        encoder.append(forest)
        encoder.append(version)
        encoder.append(account)
        encoder.append(createdAt)
        encoder.append(actor)
        encoder.append(source)
        if let reason { encoder.append(reason) } else { encoder.appendAbsent() }
        if let rolledBackFrom { encoder.append(rolledBackFrom) } else { encoder.appendAbsent() }
        encoder.append(nonce)
        encoder.append(fingerprint)
        encoder.append(keyGeneration)
        return mac
    }

    /// `Fingerprint(storedHex:)`'s rule: 32 lowercase hex digits.
    private static func isStoredFingerprint(_ digits: UnsafeRawBufferPointer) -> Bool {
        digits.count == Fingerprint.byteCount * 2 && digits.allSatisfy { (48...57).contains($0) || (97...102).contains($0) }
    }
}

/// A stored row read by position with checked conversions: a NULL where a value belongs or
/// a value of another type is a `malformedRecord` integrity error, never a trap.
/// `CheckedRow` reads a GRDB `Row`; `StatementRow` reads a raw statement's current row with
/// the same conversions.
protocol CheckedColumns {
    /// The row's key as people name it (a forest, `forest v3`, a slot id), for the error.
    var key: String { get set }
    func malformed(_ column: String) -> CredVaultError
    func optionalText(_ index: Int, _ column: String) throws(CredVaultError) -> String?
    func optionalInteger(_ index: Int, _ column: String) throws(CredVaultError) -> Int?
    /// A BLOB column's bytes (any other type is malformed).
    func optionalBytes(_ index: Int, _ column: String) throws(CredVaultError) -> [UInt8]?
}

extension CheckedColumns {
    func text(_ index: Int, _ column: String) throws(CredVaultError) -> String {
        guard let value = try optionalText(index, column) else { throw malformed(column) }
        return value
    }

    func integer(_ index: Int, _ column: String) throws(CredVaultError) -> Int {
        guard let value = try optionalInteger(index, column) else { throw malformed(column) }
        return value
    }

    func bytes(_ index: Int, _ column: String) throws(CredVaultError) -> [UInt8] {
        guard let value = try optionalBytes(index, column) else { throw malformed(column) }
        return value
    }

    /// A stored enum: a value this code never writes is damage, not a default.
    func enumeration<E: RawRepresentable>(_ index: Int, _ column: String, as type: E.Type = E.self) throws(CredVaultError) -> E
    where E.RawValue == String {
        guard let value = E(rawValue: try text(index, column)) else { throw malformed(column) }
        return value
    }

    func fingerprint(_ index: Int, _ column: String) throws(CredVaultError) -> Fingerprint {
        guard let value = Fingerprint(storedHex: try text(index, column)) else { throw malformed(column) }
        return value
    }
}

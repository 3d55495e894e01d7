internal import CSodium

/// Keyed BLAKE2b over `previous MAC || canonical event` for every event of a walk, with the
/// output kept in one buffer: no allocation per event on the verify path. The key is set up
/// once (`KeyedHashState`); each MAC starts from a copy of that state.
final class ChainHasher {
    private let state: KeyedHashState
    private(set) var output = [UInt8](repeating: 0, count: KeyedHash.macLength)

    init(key: borrowing SymmetricKey) throws(CredVaultError) {
        state = try KeyedHashState(key: key)
    }

    /// MAC of `previous || canonical`, left in `output`.
    func compute(previous: UnsafeRawBufferPointer, canonical: UnsafeRawBufferPointer) throws(CredVaultError) {
        let ok = output.withUnsafeMutableBytes { state.digest(previous, canonical, into: $0) }
        guard ok else { throw .crypto("BLAKE2b failed") }
    }

    /// Whether `output` equals `mac` (constant time).
    func outputEquals(_ mac: UnsafeRawBufferPointer) -> Bool {
        guard mac.count == KeyedHash.macLength, let base = mac.baseAddress else { return false }
        return output.withUnsafeBytes { sodium_memcmp($0.baseAddress!, base, KeyedHash.macLength) == 0 }
    }
}

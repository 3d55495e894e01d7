internal import CSodium

/// Keyed BLAKE2b over `previous MAC || canonical event` with one hash state reused for
/// every event: no allocation per event on the verify path.
final class ChainHasher {
    private let key: SymmetricKey
    private let state: UnsafeMutableRawPointer
    private let stateSize: Int
    private(set) var output = [UInt8](repeating: 0, count: KeyedHash.macLength)

    init(key: consuming SymmetricKey) {
        self.key = key
        stateSize = crypto_generichash_statebytes()
        state = UnsafeMutableRawPointer.allocate(byteCount: stateSize, alignment: 64)
    }

    deinit {
        sodium_memzero(state, stateSize)
        state.deallocate()
    }

    /// MAC of `previous || canonical`, left in `output`.
    func compute(previous: UnsafeRawBufferPointer, canonical: UnsafeRawBufferPointer) throws(CredVaultError) {
        let opaque = OpaquePointer(state)
        let ok: Bool = key.withUnsafeBytes { keyBytes in
            guard crypto_generichash_init(
                opaque, keyBytes.baseAddress!.assumingMemoryBound(to: UInt8.self), keyBytes.count, KeyedHash.macLength) == 0
            else { return false }
            if previous.count > 0 {
                guard crypto_generichash_update(
                    opaque, previous.baseAddress!.assumingMemoryBound(to: UInt8.self), UInt64(previous.count)) == 0
                else { return false }
            }
            if canonical.count > 0 {
                guard crypto_generichash_update(
                    opaque, canonical.baseAddress!.assumingMemoryBound(to: UInt8.self), UInt64(canonical.count)) == 0
                else { return false }
            }
            return output.withUnsafeMutableBufferPointer { crypto_generichash_final(opaque, $0.baseAddress!, KeyedHash.macLength) == 0 }
        }
        guard ok else { throw .crypto("BLAKE2b failed") }
    }

    /// Whether `output` equals `mac` (constant time).
    func outputEquals(_ mac: UnsafeRawBufferPointer) -> Bool {
        guard mac.count == KeyedHash.macLength, let base = mac.baseAddress else { return false }
        return output.withUnsafeBytes { sodium_memcmp($0.baseAddress!, base, KeyedHash.macLength) == 0 }
    }
}

internal import CSodium

/// Keyed BLAKE2b over `previous MAC || canonical event` with one hash state reused for
/// every event: no allocation per event on the verify path.
///
/// The state keyed once in `init` is kept as a template and copied into the working state
/// for each MAC: a 384-byte copy instead of `crypto_generichash_init` (parameter block, key
/// padding, a zeroed key block) per event. The key block's compression still runs per event.
final class ChainHasher {
    private let template: UnsafeMutableRawPointer
    private let state: UnsafeMutableRawPointer
    private let stateSize: Int
    private let keyed: Bool
    private(set) var output = [UInt8](repeating: 0, count: KeyedHash.macLength)

    init(key: consuming SymmetricKey) {
        stateSize = crypto_generichash_statebytes()
        state = UnsafeMutableRawPointer.allocate(byteCount: stateSize, alignment: 64)
        template = UnsafeMutableRawPointer.allocate(byteCount: stateSize, alignment: 64)
        keyed = key.withUnsafeBytes { [template] keyBytes in
            crypto_generichash_init(
                OpaquePointer(template), keyBytes.baseAddress!.assumingMemoryBound(to: UInt8.self), keyBytes.count,
                KeyedHash.macLength) == 0
        }
    }

    deinit {
        sodium_memzero(state, stateSize)
        sodium_memzero(template, stateSize)
        state.deallocate()
        template.deallocate()
    }

    /// MAC of `previous || canonical`, left in `output`.
    func compute(previous: UnsafeRawBufferPointer, canonical: UnsafeRawBufferPointer) throws(CredVaultError) {
        guard keyed else { throw .crypto("BLAKE2b failed") }
        state.copyMemory(from: template, byteCount: stateSize)
        let opaque = OpaquePointer(state)
        guard update(opaque, previous), update(opaque, canonical) else { throw .crypto("BLAKE2b failed") }
        let ok = output.withUnsafeMutableBufferPointer { crypto_generichash_final(opaque, $0.baseAddress!, KeyedHash.macLength) == 0 }
        guard ok else { throw .crypto("BLAKE2b failed") }
    }

    private func update(_ opaque: OpaquePointer, _ part: UnsafeRawBufferPointer) -> Bool {
        guard part.count > 0 else { return true }
        return crypto_generichash_update(opaque, part.baseAddress!.assumingMemoryBound(to: UInt8.self), UInt64(part.count)) == 0
    }

    /// Whether `output` equals `mac` (constant time).
    func outputEquals(_ mac: UnsafeRawBufferPointer) -> Bool {
        guard mac.count == KeyedHash.macLength, let base = mac.baseAddress else { return false }
        return output.withUnsafeBytes { sodium_memcmp($0.baseAddress!, base, KeyedHash.macLength) == 0 }
    }
}

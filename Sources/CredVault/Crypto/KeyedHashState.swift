internal import CSodium

/// One key's BLAKE2b state after `crypto_generichash_init`, kept for many MACs of the same
/// key: each MAC starts from a copy of it, so checking a row costs no allocation, no key
/// setup and no output array (`list` checks two row MACs per forest). The MACs are exactly
/// `KeyedHash.mac(key:_:)`'s.
final class KeyedHashState {
    private let stateSize = crypto_generichash_statebytes()
    /// The state right after init with the key; `working` is overwritten by every MAC.
    private let initial: UnsafeMutableRawPointer
    private let working: UnsafeMutableRawPointer

    init(key: borrowing SymmetricKey) throws(CredVaultError) {
        initial = UnsafeMutableRawPointer.allocate(byteCount: stateSize, alignment: 64)
        working = UnsafeMutableRawPointer.allocate(byteCount: stateSize, alignment: 64)
        let status = key.withUnsafeBytes { raw in
            crypto_generichash_init(
                OpaquePointer(initial), raw.baseAddress!.assumingMemoryBound(to: UInt8.self), raw.count, KeyedHash.macLength)
        }
        guard status == 0 else { throw .crypto("BLAKE2b failed") }
    }

    deinit {
        sodium_memzero(initial, stateSize)
        sodium_memzero(working, stateSize)
        initial.deallocate()
        working.deallocate()
    }

    /// The MAC of `bytes`.
    func mac(_ bytes: [UInt8]) throws(CredVaultError) -> [UInt8] {
        var output = [UInt8](repeating: 0, count: KeyedHash.macLength)
        guard output.withUnsafeMutableBytes({ digest(bytes, into: $0) }) else { throw .crypto("BLAKE2b failed") }
        return output
    }

    /// Whether `stored` is the MAC of `bytes` (constant time); a missing MAC never matches.
    func matches(_ bytes: [UInt8], stored: [UInt8]?) throws(CredVaultError) -> Bool {
        guard let stored else { return false }
        guard let verdict = stored.withUnsafeBytes({ verdict(bytes, stored: $0) }) else { throw .crypto("BLAKE2b failed") }
        return verdict
    }

    func matches(_ bytes: [UInt8], stored: UnsafeRawBufferPointer) throws(CredVaultError) -> Bool {
        guard let verdict = verdict(bytes, stored: stored) else { throw .crypto("BLAKE2b failed") }
        return verdict
    }

    /// Whether `stored` is the MAC of `bytes`; nil when libsodium fails.
    private func verdict(_ bytes: [UInt8], stored: UnsafeRawBufferPointer) -> Bool? {
        var output: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
        return withUnsafeMutableBytes(of: &output) { raw -> Bool? in
            guard digest(bytes, into: raw) else { return nil }
            return stored.count == raw.count && sodium_memcmp(raw.baseAddress!, stored.baseAddress!, raw.count) == 0
        }
    }

    private func digest(_ bytes: [UInt8], into output: UnsafeMutableRawBufferPointer) -> Bool {
        bytes.withUnsafeBytes { digest($0, UnsafeRawBufferPointer(start: nil, count: 0), into: output) }
    }

    /// The MAC of `first || second` into `output` (the audit chain: previous MAC, then the
    /// event); false when libsodium fails.
    func digest(_ first: UnsafeRawBufferPointer, _ second: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer) -> Bool {
        working.copyMemory(from: initial, byteCount: stateSize)
        let state = OpaquePointer(working)
        let out = output.baseAddress!.assumingMemoryBound(to: UInt8.self)
        return update(state, first) && update(state, second) && crypto_generichash_final(state, out, output.count) == 0
    }

    private func update(_ state: OpaquePointer, _ part: UnsafeRawBufferPointer) -> Bool {
        guard part.count > 0 else { return true }
        return crypto_generichash_update(state, part.baseAddress!.assumingMemoryBound(to: UInt8.self), UInt64(part.count)) == 0
    }
}

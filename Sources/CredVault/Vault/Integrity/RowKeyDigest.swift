/// An order-independent digest of version-row keys (forest, version, rowid): the keys read
/// from the primary-key index and those of the table rows read in table order give the
/// same digest exactly when both reads saw the same rows (the index entries point at the
/// table rows they name), up to a 2^-64 chance.
///
/// Each key is hashed with SipHash under the process's random seed, and the hashes are
/// added: no file can be crafted in advance to make two different key sets sum alike.
struct RowKeyDigest: Equatable {
    private(set) var count = 0
    private var sum: UInt64 = 0

    mutating func add(forest: UnsafeRawBufferPointer, version: Int64, rowid: Int64) {
        var hasher = Hasher()
        hasher.combine(forest.count)
        hasher.combine(bytes: forest)
        hasher.combine(version)
        hasher.combine(rowid)
        sum &+= UInt64(UInt(bitPattern: hasher.finalize()))
        count += 1
    }
}

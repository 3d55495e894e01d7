/// The columns of a row read from `offset` on: one statement that joins two tables hands each
/// record its own columns at the positions its `init(columns:)` reads.
struct ShiftedColumns<Base: CheckedColumns>: CheckedColumns {
    private var base: Base
    private let offset: Int

    init(_ base: Base, by offset: Int) {
        self.base = base
        self.offset = offset
    }

    var key: String {
        get { base.key }
        set { base.key = newValue }
    }

    func malformed(_ column: String) -> CredVaultError {
        base.malformed(column)
    }

    func optionalText(_ index: Int, _ column: String) throws(CredVaultError) -> String? {
        try base.optionalText(offset + index, column)
    }

    func optionalInteger(_ index: Int, _ column: String) throws(CredVaultError) -> Int? {
        try base.optionalInteger(offset + index, column)
    }

    func optionalBytes(_ index: Int, _ column: String) throws(CredVaultError) -> [UInt8]? {
        try base.optionalBytes(offset + index, column)
    }
}

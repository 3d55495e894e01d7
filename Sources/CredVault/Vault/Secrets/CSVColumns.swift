/// The column order of a CSV import. A header row names forest, account and password, each
/// once, in any order (ASCII case and surrounding blanks ignored); it is compared as bytes,
/// so a first row that is data (and holds a password) never becomes a String.
struct CSVColumns {
    let forest: Int
    let account: Int
    let password: Int

    /// The order assumed without a header: forest,account,password.
    static let unnamed = CSVColumns(forest: 0, account: 1, password: 2)

    private static let names = ["forest", "account", "password"]

    private init(forest: Int, account: Int, password: Int) {
        self.forest = forest
        self.account = account
        self.password = password
    }

    /// Nil unless `fields` are exactly the three column names in some order.
    init?(_ fields: [UnsafeRawBufferPointer]) {
        guard fields.count == 3 else { return nil }
        var positions: [String: Int] = [:]
        for (index, field) in fields.enumerated() {
            guard let name = CSVColumns.names.first(where: { CSVColumns.field(field, is: $0) }),
                  positions[name] == nil else { return nil }
            positions[name] = index
        }
        guard let forest = positions["forest"], let account = positions["account"],
              let password = positions["password"] else { return nil }
        self.init(forest: forest, account: account, password: password)
    }

    private static func field(_ field: UnsafeRawBufferPointer, is name: String) -> Bool {
        var bytes = field[...]
        while let byte = bytes.first, byte == 0x20 || byte == 0x09 { bytes = bytes.dropFirst() }
        while let byte = bytes.last, byte == 0x20 || byte == 0x09 { bytes = bytes.dropLast() }
        let expected = Array(name.utf8)
        // `| 0x20` lower-cases ASCII letters; the names are all lower-case letters.
        return bytes.count == expected.count && zip(bytes, expected).allSatisfy { $0 | 0x20 == $1 }
    }
}

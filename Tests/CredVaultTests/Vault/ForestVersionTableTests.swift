import Testing
@testable import CredVault

/// The cross-check's table of audited last versions is exact: it compares whole names, keeps
/// the highest version, and counts each forest found once.
@Suite("Forest version table")
struct ForestVersionTableTests {
    @Test("highest version per name, exact names, through growth")
    func exact() {
        var table = ForestVersionTable()
        let names = (0..<500).map { Array("f\($0).example".utf8) }
        for (index, name) in names.enumerated() {
            name.withUnsafeBytes { table.raise($0, to: Int64(index % 7)) }
            name.withUnsafeBytes { table.raise($0, to: 3) }
        }
        #expect(table.count == 500)
        for (index, name) in names.enumerated() {
            #expect(name.withUnsafeBytes { table.take($0) } == Int64(max(index % 7, 3)))
        }
        #expect(table.matchedCount == 500)
        _ = names[0].withUnsafeBytes { table.take($0) }
        #expect(table.matchedCount == 500)
        #expect(Array("f1.exampl".utf8).withUnsafeBytes { table.take($0) } == nil)
        #expect(Array("f1.examplee".utf8).withUnsafeBytes { table.take($0) } == nil)
    }
}

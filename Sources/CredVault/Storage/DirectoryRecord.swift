import Foundation
import GRDB

/// A `directories` row as stored, and its MAC under the config subkey.
struct DirectoryRecord: AuthenticatedRow {
    var forest: String
    var kind: DirectoryKind
    /// The URLs as a JSON array, first URL first.
    var urls: String
    var caFile: String
    var account: String
    var resetWith: String?
    var createdAt: String
    var mac: [UInt8]

    static let macTag = "credvault-directory-v1"

    /// The column order `init(row:)` reads and `arguments` binds.
    static let columns = "forest, kind, urls, ca_file, account, reset_with, created_at, mac"

    init(row: Row) throws(CredVaultError) {
        var columns = CheckedRow(row, table: "directories")
        forest = try columns.value(0, "forest")
        columns.key = forest
        kind = try columns.enumeration(1, "kind")
        urls = try columns.value(2, "urls")
        caFile = try columns.value(3, "ca_file")
        account = try columns.value(4, "account")
        resetWith = try columns.optional(5, "reset_with")
        createdAt = try columns.value(6, "created_at")
        mac = try columns.bytes(7, "mac")
    }

    init(_ config: DirectoryConfig) throws(CredVaultError) {
        forest = config.forest
        kind = config.kind
        urls = try ConnectorRecord.encode(config.urls)
        caFile = config.caFile
        account = config.account
        resetWith = config.resetWith
        createdAt = config.createdAt
        mac = []
    }

    func canonicalBytes(vaultID: [UInt8]) -> [UInt8] {
        var encoder = CanonicalEncoder(capacity: 256)
        encoder.append(DirectoryRecord.macTag)
        encoder.append(vaultID)
        encoder.append(forest)
        encoder.append(kind.rawValue)
        encoder.append(urls)
        encoder.append(caFile)
        encoder.append(account)
        encoder.appendOptional(resetWith)
        encoder.append(createdAt)
        return encoder.bytes
    }

    var arguments: StatementArguments {
        [forest, kind.rawValue, urls, caFile, account, resetWith, createdAt, Data(mac)]
    }

    /// The model; a URL list that is not a JSON array of strings is a malformed record.
    func decode() throws(CredVaultError) -> DirectoryConfig {
        guard let list = try? JSONDecoder().decode([String].self, from: Data(urls.utf8)), !list.isEmpty else {
            throw .malformedRecord(table: "directories", key: forest, column: "urls")
        }
        return DirectoryConfig(
            forest: forest, kind: kind, urls: list, caFile: caFile, account: account, resetWith: resetWith,
            createdAt: createdAt)
    }
}

import Foundation
import GRDB

/// A connector row as stored, and its MAC under the config subkey (`AuthenticatedRow`).
struct ConnectorRecord: AuthenticatedRow {
    var name: String
    var forest: String
    var adapter: ConnectorAdapter
    var config: String
    var restartArgv: String?
    var healthArgv: String?
    var timeoutSeconds: Int
    var createdAt: String
    var mac: [UInt8]
    /// The service facts of migration v5 (quiesce hooks, role, DCs) as JSON; nil when the
    /// connector has none, which keeps the MAC of every older row what it was.
    var service: String?

    static let macTag = "credvault-connector-v1"

    /// The column order `init(row:)` reads and `arguments` binds.
    static let columns = "name, forest, adapter, config, restart_argv, health_argv, timeout_seconds, created_at, mac, service"

    /// Checked like every record; the configuration text itself is decoded (and its MAC
    /// checked) by `decode()`, so an edited configuration shows as a tampered connector.
    init(row: Row) throws(CredVaultError) {
        var columns = CheckedRow(row, table: "connectors")
        name = try columns.value(0, "name")
        columns.key = name
        forest = try columns.value(1, "forest")
        adapter = try columns.enumeration(2, "adapter")
        config = try columns.value(3, "config")
        restartArgv = try columns.optional(4, "restart_argv")
        healthArgv = try columns.optional(5, "health_argv")
        timeoutSeconds = try columns.value(6, "timeout_seconds")
        createdAt = try columns.value(7, "created_at")
        mac = try columns.optionalBytes(8, "mac") ?? []
        service = try columns.optional(9, "service")
    }

    init(_ connector: ConnectorConfig) throws(CredVaultError) {
        name = connector.name
        forest = connector.forest
        adapter = connector.adapter
        switch connector.adapter {
        case .file:
            guard let file = connector.file else { throw .usage(.fileConnectorNeedsTarget) }
            config = try ConnectorRecord.encode(file)
        case .exec:
            guard let argv = connector.execArgv else { throw .usage(.execConnectorNeedsCommand) }
            config = try ConnectorRecord.encode(ExecConfig(argv: argv))
        }
        restartArgv = try connector.restartArgv.map { (argv) throws(CredVaultError) in try ConnectorRecord.encode(argv) }
        healthArgv = try connector.healthArgv.map { (argv) throws(CredVaultError) in try ConnectorRecord.encode(argv) }
        timeoutSeconds = connector.timeoutSeconds
        createdAt = connector.createdAt
        mac = []
        let facts = ServiceConfig(connector)
        service = facts.isEmpty ? nil : try ConnectorRecord.encode(facts)
    }

    struct ExecConfig: Codable {
        var argv: [String]
    }

    /// The `service` column: what a connector knows about its service beyond restart and health.
    struct ServiceConfig: Codable {
        var pauseArgv: [String]?
        var resumeArgv: [String]?
        var role: String?
        var dcURLs: [String]?

        init(_ connector: ConnectorConfig) {
            pauseArgv = connector.pauseArgv
            resumeArgv = connector.resumeArgv
            role = connector.role
            dcURLs = connector.dcURLs.isEmpty ? nil : connector.dcURLs
        }

        var isEmpty: Bool { pauseArgv == nil && resumeArgv == nil && role == nil && dcURLs == nil }

        func apply(to connector: inout ConnectorConfig) {
            connector.pauseArgv = pauseArgv
            connector.resumeArgv = resumeArgv
            connector.role = role
            connector.dcURLs = dcURLs ?? []
        }
    }

    /// Every column but the MAC, length-prefixed, bound to this vault's id.
    func canonicalBytes(vaultID: [UInt8]) -> [UInt8] {
        var encoder = CanonicalEncoder(capacity: 256)
        encoder.append(ConnectorRecord.macTag)
        encoder.append(vaultID)
        encoder.append(name)
        encoder.append(forest)
        encoder.append(adapter.rawValue)
        encoder.append(config)
        encoder.appendOptional(restartArgv)
        encoder.appendOptional(healthArgv)
        encoder.append(timeoutSeconds)
        encoder.append(createdAt)
        // Appended only when present: a row without service facts (every row older than
        // migration v5) keeps its canonical bytes, and clearing the column breaks the MAC.
        if let service { encoder.append(service) }
        return encoder.bytes
    }

    /// The arguments of an INSERT in `columns` order.
    var arguments: StatementArguments {
        [name, forest, adapter.rawValue, config, restartArgv, healthArgv, timeoutSeconds, createdAt, Data(mac), service]
    }

    /// The model, decoded. Throws `.integrity` when a column cannot be what this code wrote.
    func decode() throws(CredVaultError) -> ConnectorConfig {
        let kind = adapter
        var connector = ConnectorConfig(
            name: name, forest: forest, adapter: kind, timeoutSeconds: timeoutSeconds, createdAt: createdAt)
        switch kind {
        case .file: connector.file = try ConnectorRecord.decode(FileTarget.self, from: config, name: name)
        case .exec: connector.execArgv = try ConnectorRecord.decode(ExecConfig.self, from: config, name: name).argv
        }
        connector.restartArgv = try restartArgv.map { (text) throws(CredVaultError) in
            try ConnectorRecord.decode([String].self, from: text, name: name)
        }
        connector.healthArgv = try healthArgv.map { (text) throws(CredVaultError) in
            try ConnectorRecord.decode([String].self, from: text, name: name)
        }
        if let service { try ConnectorRecord.decode(ServiceConfig.self, from: service, name: name).apply(to: &connector) }
        return connector
    }

    static func encode<T: Encodable>(_ value: T) throws(CredVaultError) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        do {
            return String(decoding: try encoder.encode(value), as: UTF8.self)
        } catch {
            throw .invalidInput("cannot encode the connector's configuration")
        }
    }

    static func decode<T: Decodable>(_ type: T.Type, from text: String, name: String) throws(CredVaultError) -> T {
        do {
            return try JSONDecoder().decode(type, from: Data(text.utf8))
        } catch {
            throw .integrity("connector \(name) has a malformed configuration in the vault")
        }
    }
}

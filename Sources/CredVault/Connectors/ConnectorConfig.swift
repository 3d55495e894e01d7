import Foundation
import GRDB

/// How a connector delivers a password to its service.
public enum ConnectorAdapter: String, Sendable, Codable, CaseIterable {
    /// A properties file the service reads (json or keyvalue).
    case file
    /// A command that receives the password on its standard input.
    case exec
}

/// The formats of a file target.
public enum TargetFormat: String, Sendable, Codable, CaseIterable {
    /// A JSON document; the password sits at a dotted key path such as `connectivity.password`.
    case json
    /// `key=value` lines; comments, blank lines and order are kept.
    case keyvalue
}

/// Where a file connector writes.
public struct FileTarget: Sendable, Equatable, Codable {
    public var path: String
    public var format: TargetFormat
    public var passwordKey: String
    public var accountKey: String?

    public init(path: String, format: TargetFormat, passwordKey: String, accountKey: String? = nil) {
        self.path = path
        self.format = format
        self.passwordKey = passwordKey
        self.accountKey = accountKey
    }

    enum CodingKeys: String, CodingKey {
        case path, format
        case passwordKey = "password_key"
        case accountKey = "account_key"
    }
}

/// A connector: one forest bound to one target and its service's restart and health hooks.
public struct ConnectorConfig: Sendable, Equatable {
    public static let defaultTimeout = 60
    public static let timeoutRange = 1...3600

    public var name: String
    public var forest: String
    public var adapter: ConnectorAdapter
    /// Set for `.file` connectors.
    public var file: FileTarget?
    /// Set for `.exec` connectors: the command that reads the password from standard input.
    public var execArgv: [String]?
    public var restartArgv: [String]?
    public var healthArgv: [String]?
    public var timeoutSeconds: Int
    public var createdAt: String

    public init(
        name: String, forest: String, adapter: ConnectorAdapter, file: FileTarget? = nil, execArgv: [String]? = nil,
        restartArgv: [String]? = nil, healthArgv: [String]? = nil, timeoutSeconds: Int = ConnectorConfig.defaultTimeout,
        createdAt: String = ""
    ) {
        self.name = name
        self.forest = forest
        self.adapter = adapter
        self.file = file
        self.execArgv = execArgv
        self.restartArgv = restartArgv
        self.healthArgv = healthArgv
        self.timeoutSeconds = timeoutSeconds
        self.createdAt = createdAt
    }

    /// A one-line description of the target, for tables and messages.
    public var targetDescription: String {
        switch adapter {
        case .file: return file.map { "\($0.path) (\($0.format.rawValue))" } ?? "?"
        case .exec: return "exec " + CommandLineSplitter.display(execArgv ?? [])
        }
    }
}

/// A connector row as stored, and its MAC under the config subkey.
struct ConnectorRecord {
    var name: String
    var forest: String
    var adapter: String
    var config: String
    var restartArgv: String?
    var healthArgv: String?
    var timeoutSeconds: Int
    var createdAt: String
    var mac: [UInt8]

    static let macTag = "credvault-connector-v1"

    init(row: Row) {
        name = row["name"]
        forest = row["forest"]
        adapter = row["adapter"]
        config = row["config"]
        restartArgv = row["restart_argv"]
        healthArgv = row["health_argv"]
        timeoutSeconds = row["timeout_seconds"]
        createdAt = row["created_at"]
        mac = [UInt8]((row["mac"] as Data?) ?? Data())
    }

    init(_ connector: ConnectorConfig) throws(CredVaultError) {
        name = connector.name
        forest = connector.forest
        adapter = connector.adapter.rawValue
        switch connector.adapter {
        case .file:
            guard let file = connector.file else { throw .usage("a file connector needs a file target") }
            config = try ConnectorRecord.encode(file)
        case .exec:
            guard let argv = connector.execArgv else { throw .usage("an exec connector needs a command") }
            config = try ConnectorRecord.encode(ExecConfig(argv: argv))
        }
        restartArgv = try connector.restartArgv.map { (argv) throws(CredVaultError) in try ConnectorRecord.encode(argv) }
        healthArgv = try connector.healthArgv.map { (argv) throws(CredVaultError) in try ConnectorRecord.encode(argv) }
        timeoutSeconds = connector.timeoutSeconds
        createdAt = connector.createdAt
        mac = []
    }

    struct ExecConfig: Codable {
        var argv: [String]
    }

    /// Every column but the MAC, length-prefixed, bound to this vault's id.
    func canonicalBytes(vaultID: [UInt8]) -> [UInt8] {
        var encoder = CanonicalEncoder(capacity: 256)
        encoder.append(ConnectorRecord.macTag)
        encoder.append(vaultID)
        encoder.append(name)
        encoder.append(forest)
        encoder.append(adapter)
        encoder.append(config)
        encoder.appendOptional(restartArgv)
        encoder.appendOptional(healthArgv)
        encoder.append(timeoutSeconds)
        encoder.append(createdAt)
        return encoder.bytes
    }

    func computeMAC(key: borrowing SymmetricKey, vaultID: [UInt8]) throws(CredVaultError) -> [UInt8] {
        try KeyedHash.mac(key: key, canonicalBytes(vaultID: vaultID))
    }

    func insert(_ db: Database) throws {
        try db.execute(
            sql: """
                INSERT INTO connectors (name, forest, adapter, config, restart_argv, health_argv, timeout_seconds, created_at, mac)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [name, forest, adapter, config, restartArgv, healthArgv, timeoutSeconds, createdAt, Data(mac)])
    }

    /// The model, decoded. Throws `.integrity` when a column cannot be what this code wrote.
    func decode() throws(CredVaultError) -> ConnectorConfig {
        guard let kind = ConnectorAdapter(rawValue: adapter) else {
            throw .integrity("connector \(name) has an unknown adapter")
        }
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

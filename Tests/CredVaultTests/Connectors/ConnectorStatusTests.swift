import Foundation
import Testing
import TestSupport
@testable import CredVault

/// `Vault.connectorStatuses` / `forestStatuses` on a real vault and a real target file: what a
/// file connector's target holds, judged by fingerprint.
@Suite("connector status (library)")
struct ConnectorStatusTests {
    static func state(_ lib: LibraryVault, _ name: String) throws -> ConnectorStatus {
        try #require(try lib.vault.connectorStatuses(forest: "contoso.com").first { $0.name == name })
    }

    @Test("a target is unknown, then current, stale after a new version, current again, then missing")
    func targetStates() throws {
        let lib = try LibraryVault()
        try lib.vault.set(forest: "contoso.com", account: "svc", password: TestBytes.secure("Status-Pw-1"))
        let path = try lib.sandbox.write("sync.properties", "password=typed-by-hand\n")
        let target = FileTarget(path: path, format: .keyvalue, passwordKey: "password")
        try lib.vault.addConnector(ConnectorConfig(name: "kv", forest: "contoso.com", adapter: .file, file: target))

        var status = try Self.state(lib, "kv")
        #expect(status.targetState == .unknown)
        #expect(status.macValid)
        #expect(status.lastPush == nil)
        #expect(status.restartPending == false)

        try FileAdapter.write(password: TestBytes.secure("Status-Pw-1"), to: target, expectedAccount: nil, connector: "kv")
        status = try Self.state(lib, "kv")
        #expect(status.targetState == .current)
        #expect(status.targetVersion == 1)

        try lib.vault.set(forest: "contoso.com", account: "svc", password: TestBytes.secure("Status-Pw-2"))
        status = try Self.state(lib, "kv")
        #expect(status.targetState == .stale)
        #expect(status.targetVersion == 1)
        #expect(status.currentVersion == 2)

        try lib.vault.rollback(forest: "contoso.com", to: 1)
        status = try Self.state(lib, "kv")
        #expect(status.targetState == .current, "v3 holds v1's password: the target is current")
        #expect(status.currentVersion == 3)

        try FileManager.default.removeItem(atPath: path)
        #expect(try Self.state(lib, "kv").targetState == .missing)
    }

    @Test("a connector row edited in the database is unverified and its target is not read")
    func tamperedRow() throws {
        let lib = try LibraryVault()
        try lib.vault.set(forest: "contoso.com", account: "svc", password: TestBytes.secure("Status-Pw-1"))
        let path = try lib.sandbox.write("sync.properties", "password=Status-Pw-1\n")
        try lib.vault.addConnector(ConnectorConfig(
            name: "kv", forest: "contoso.com", adapter: .file,
            file: FileTarget(path: path, format: .keyvalue, passwordKey: "password")))
        try lib.execute("UPDATE connectors SET timeout_seconds = timeout_seconds + 1 WHERE name = 'kv'")
        let status = try Self.state(lib, "kv")
        #expect(!status.macValid)
        #expect(status.targetState == .unverified)
        #expect(status.filePath == nil)
    }

    @Test("forestStatuses gives each forest's current version and account")
    func forests() throws {
        let lib = try LibraryVault()
        try lib.vault.set(forest: "contoso.com", account: "svc-c", password: TestBytes.secure("Forest-Pw-1"))
        try lib.vault.set(forest: "contoso.com", account: "svc-c", password: TestBytes.secure("Forest-Pw-2"))
        try lib.vault.set(forest: "fabrikam.com", account: "svc-f", password: TestBytes.secure("Forest-Pw-3"))
        let forests = try lib.vault.forestStatuses()
        #expect(forests.map(\.forest) == ["contoso.com", "fabrikam.com"])
        #expect(forests.map(\.currentVersion) == [2, 1])
        #expect(forests.map(\.account) == ["svc-c", "svc-f"])
        #expect(forests.allSatisfy { $0.ageSeconds >= 0 && !$0.fingerprint.isEmpty })
    }
}

import Foundation
import Testing
@testable import CredVault

/// What `status` reads: each forest's current version, each connector's target by fingerprint.
@Suite("Status (library)")
struct StatusTests {
    static func targetFile(_ lib: LibraryVault, password: String) throws -> String {
        let path = lib.sandbox.path("sync.json")
        try Data(#"{"user": "svc", "password": "\#(password)"}"#.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    static func targetState(_ vault: Vault) throws -> (TargetState, Int?) {
        let status = try #require(try StatusReader(vault: vault).connectors(forest: "contoso.com").first)
        return (status.targetState, status.targetVersion)
    }

    @Test("a target is unknown, then current after a push, then stale after a set")
    func targetFollowsVersions() async throws {
        let lib = try LibraryVault()
        let vault = lib.vault
        try vault.set(forest: "contoso.com", account: "svc", password: TestBytes.secure("First-Pw!1"))
        let path = try Self.targetFile(lib, password: "typed-by-hand")
        try vault.addConnector(ConnectorConfig(
            name: "sync", forest: "contoso.com", adapter: .file,
            file: FileTarget(path: path, format: .json, passwordKey: "password", accountKey: "user")))
        #expect(try Self.targetState(vault) == (.unknown, nil))

        let reports = try await Pusher(vault: vault).push(forest: "contoso.com", all: false, options: PushOptions())
        #expect(reports.map(\.outcome) == [.healthy])
        #expect(try Self.targetState(vault) == (.current, 1))

        try vault.set(forest: "contoso.com", account: "svc", password: TestBytes.secure("Second-Pw!2"))
        #expect(try Self.targetState(vault) == (.stale, 1))
        let forest = try #require(try StatusReader(vault: vault).forests().first)
        #expect(forest.currentVersion == 2)
        #expect(forest.fingerprint.count == 12)
    }

    @Test("a missing target file is reported, not thrown")
    func missingTarget() throws {
        let lib = try LibraryVault()
        try lib.vault.set(forest: "contoso.com", account: "svc", password: TestBytes.secure("First-Pw!1"))
        let path = try Self.targetFile(lib, password: "x")
        try lib.vault.addConnector(ConnectorConfig(
            name: "sync", forest: "contoso.com", adapter: .file,
            file: FileTarget(path: path, format: .json, passwordKey: "password")))
        try FileManager.default.removeItem(atPath: path)
        #expect(try Self.targetState(lib.vault) == (.missing, nil))
    }

    @Test("a connector row edited in the database is unverified and its target is not read")
    func tampered() throws {
        let lib = try LibraryVault()
        try lib.vault.set(forest: "contoso.com", account: "svc", password: TestBytes.secure("First-Pw!1"))
        let path = try Self.targetFile(lib, password: "x")
        try lib.vault.addConnector(ConnectorConfig(
            name: "sync", forest: "contoso.com", adapter: .file,
            file: FileTarget(path: path, format: .json, passwordKey: "password")))
        try lib.execute("UPDATE connectors SET timeout_seconds = 3000")
        let status = try #require(try StatusReader(vault: lib.vault).connectors().first)
        #expect(!status.macValid)
        #expect(status.targetState == .unverified)
        #expect(status.filePath == nil)
    }
}

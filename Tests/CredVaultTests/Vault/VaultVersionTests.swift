import Foundation
import Testing
import TestSupport
@testable import CredVault

/// `Vault.set` with check-and-set and `Vault.rollback`, through the library on a real SQLite
/// file with real libsodium.
@Suite("vault versions: check-and-set and rollback (library)")
struct VaultVersionTests {
    static func password(_ vault: Vault, _ forest: String, version: Int? = nil) throws -> String {
        let revealed = try vault.get(forest: forest, version: version)
        return String(decoding: TestBytes.array(revealed.password), as: UTF8.self)
    }

    @Test("expectVersion 0 creates a forest; the right current version stores the next one")
    func checkAndSetSucceeds() throws {
        let lib = try LibraryVault()
        let first = try lib.vault.set(forest: "contoso.com", account: "svc", password: TestBytes.secure("First-Pw-1"),
                                      expectVersion: 0)
        #expect(first.version == 1)
        let second = try lib.vault.set(forest: "contoso.com", account: "svc", password: TestBytes.secure("Second-Pw-2"),
                                       expectVersion: 1, reason: "CHG-1")
        #expect(second.version == 2)
        #expect(second.reason == "CHG-1")
        #expect(try Self.password(lib.vault, "contoso.com") == "Second-Pw-2")
        #expect(try Self.password(lib.vault, "contoso.com", version: 1) == "First-Pw-1")
    }

    @Test("a stale expectVersion is a version conflict and stores nothing, not even an audit event", arguments: [0, 1, 3])
    func checkAndSetLoses(expected: Int) throws {
        let lib = try LibraryVault()
        try lib.vault.set(forest: "contoso.com", account: "svc", password: TestBytes.secure("First-Pw-1"))
        try lib.vault.set(forest: "contoso.com", account: "svc", password: TestBytes.secure("Second-Pw-2"))
        let eventsBefore = try lib.vault.auditEvents().count
        let error = caughtError {
            try lib.vault.set(forest: "contoso.com", account: "svc", password: TestBytes.secure("Lost-Pw-3"),
                              expectVersion: expected)
        }
        guard case .versionConflict(forest: "contoso.com", current: 2, expected: expected) = error else {
            Issue.record("expected .versionConflict, got \(String(describing: error))")
            return
        }
        #expect(try lib.vault.auditEvents().count == eventsBefore)
        #expect(try lib.vault.history(forest: "contoso.com").map(\.version) == [1, 2])
        #expect(try Self.password(lib.vault, "contoso.com") == "Second-Pw-2")
    }

    @Test("rollback stores a new version with the old password, naming where it came from")
    func rollback() throws {
        let lib = try LibraryVault()
        let v1 = try lib.vault.set(forest: "contoso.com", account: "svc", password: TestBytes.secure("Old-Pw-1"))
        try lib.vault.set(forest: "contoso.com", account: "svc", password: TestBytes.secure("New-Pw-2"))
        let v3 = try lib.vault.rollback(forest: "contoso.com", to: 1, reason: "v2 broke the connector")
        #expect(v3.version == 3)
        #expect(v3.source == .rollback)
        #expect(v3.rolledBackFrom == 1)
        #expect(v3.reason == "v2 broke the connector")
        #expect(v3.fingerprint == v1.fingerprint)
        let event = try #require(try lib.vault.auditEvents().last)
        #expect(event.action == "rollback")
        #expect(event.version == 3)
        #expect(try Self.password(lib.vault, "contoso.com") == "Old-Pw-1")
        #expect(try lib.vault.history(forest: "contoso.com").map(\.version) == [1, 2, 3])
        #expect(try lib.vault.verifyAudit().problem == nil)
    }

    @Test("rollback to a version that does not exist is not found and stores nothing", arguments: [3, 99])
    func rollbackToMissingVersion(target: Int) throws {
        let lib = try LibraryVault()
        try lib.vault.set(forest: "contoso.com", account: "svc", password: TestBytes.secure("Only-Pw-1"))
        try lib.vault.set(forest: "contoso.com", account: "svc", password: TestBytes.secure("Only-Pw-2"))
        let eventsBefore = try lib.vault.auditEvents().count
        let error = caughtError { try lib.vault.rollback(forest: "contoso.com", to: target) }
        guard case .missing(.version(forest: "contoso.com", version: target, latest: 2)) = error else {
            Issue.record("expected .missing(.version), got \(String(describing: error))")
            return
        }
        #expect(try lib.vault.history(forest: "contoso.com").map(\.version) == [1, 2])
        #expect(try lib.vault.auditEvents().count == eventsBefore)
    }

    @Test("a version stored through one Vault opens through another on the same file")
    func reopen() throws {
        let lib = try LibraryVault()
        try lib.vault.set(forest: "contoso.com", account: "svc", password: TestBytes.secure("Persisted-Pw-1"))
        let credential = try UnlockCredential.keyfile(at: lib.sandbox.keyfilePath)
        let reopened = try Vault.open(at: lib.sandbox.vaultPath, credential: credential)
        #expect(try Self.password(reopened, "contoso.com") == "Persisted-Pw-1")
        #expect(FileMode.of(lib.sandbox.vaultPath) == 0o600)
    }
}

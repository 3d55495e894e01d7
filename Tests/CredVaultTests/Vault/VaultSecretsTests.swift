import Foundation
import Testing
@testable import CredVault

@Suite("Vault secrets and versions (library)")
struct VaultSecretsTests {
    static let forest = "contoso.com"
    static let account = "CONTOSO\\svc-sync"

    @discardableResult
    static func set(_ vault: Vault, _ password: String, expect: Int? = nil) throws -> VersionInfo {
        try vault.set(forest: forest, account: account, password: TestBytes.secure(password), expectVersion: expect)
    }

    @Test("check-and-set stores only on the expected version and names the version it lost to")
    func checkAndSet() throws {
        let lib = try LibraryVault()
        try Self.set(lib.vault, "first-Pw!1")
        #expect(try Self.set(lib.vault, "second-Pw!2", expect: 1).version == 2)
        #expect(throws: CredVaultError.versionConflict(forest: Self.forest, current: 2, expected: 1)) {
            try Self.set(lib.vault, "third-Pw!3", expect: 1)
        }
        let history = try lib.vault.history(forest: Self.forest)
        #expect(history.map(\.version) == [1, 2])
        let revealed = try lib.vault.get(forest: Self.forest)
        #expect(TestBytes.array(revealed.password) == Array("second-Pw!2".utf8))
    }

    @Test("rollback makes a new version with the old password and the old fingerprint")
    func rollback() throws {
        let lib = try LibraryVault()
        let first = try Self.set(lib.vault, "first-Pw!1")
        try Self.set(lib.vault, "second-Pw!2")
        let rolled = try lib.vault.rollback(forest: Self.forest, to: 1, reason: "CHG-1")
        #expect(rolled.version == 3)
        #expect(rolled.source == .rollback)
        #expect(rolled.rolledBackFrom == 1)
        #expect(rolled.reason == "CHG-1")
        #expect(rolled.fingerprint == first.fingerprint)
        let revealed = try lib.vault.get(forest: Self.forest)
        #expect(TestBytes.array(revealed.password) == Array("first-Pw!1".utf8))
        #expect(throws: CredVaultError.missing(.version(forest: Self.forest, version: 9, latest: 3))) {
            try lib.vault.rollback(forest: Self.forest, to: 9)
        }
    }

    @Test("an unknown forest is a missing fact, not a sentence")
    func missingForest() throws {
        let lib = try LibraryVault()
        #expect(throws: CredVaultError.missing(.forest("fabrikam.com"))) { _ = try lib.vault.get(forest: "fabrikam.com") }
        #expect(throws: CredVaultError.missing(.forest("fabrikam.com"))) { _ = try lib.vault.history(forest: "fabrikam.com") }
    }

    @Test("a version whose ciphertext moved rows is versionDamaged, and the failed read is audited")
    func movedCiphertext() throws {
        let lib = try LibraryVault()
        try Self.set(lib.vault, "first-Pw!1")
        try Self.set(lib.vault, "second-Pw!2")
        try lib.execute("""
            UPDATE secret_versions SET
              ciphertext = (SELECT ciphertext FROM secret_versions WHERE version = 1),
              nonce = (SELECT nonce FROM secret_versions WHERE version = 1)
            WHERE version = 2
            """)
        #expect(throws: CredVaultError.versionDamaged(forest: Self.forest, version: 2)) {
            _ = try lib.vault.get(forest: Self.forest)
        }
        let last = try #require(try lib.vault.auditEvents().last)
        #expect(last.action == "get" && last.outcome == "failed" && last.version == 2)
    }
}

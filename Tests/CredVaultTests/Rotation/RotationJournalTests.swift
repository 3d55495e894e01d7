import Foundation
import Testing
@testable import CredVault

/// The rotation journal on its own (no directory): a pending password is stored sealed, never
/// returned by `get`, committed as the next version with its events, and refused when its
/// row is edited or its ciphertext moved.
@Suite("Rotation journal (library)")
struct RotationJournalTests {
    static let forest = "contoso.com"

    private func begin(_ lib: LibraryVault, _ password: String = "Pending-Pw-1!x") throws -> RotationJournal {
        try lib.vault.beginRotation(
            forest: Self.forest, account: "svc", baseVersion: 1, mode: .selfChange, source: .generate, reason: "CHG-1",
            password: TestBytes.secure(password), detail: [:])
    }

    private func text(_ bytes: borrowing SecureBytes) -> String {
        bytes.withUnsafeBytes { String(decoding: $0, as: UTF8.self) }
    }

    @Test("pending: stored sealed, get returns the committed version, commit makes v2 and clears the journal")
    func pendingThenCommit() throws {
        let lib = try CheckedRecordTests.vaultWithVersion()
        let journal = try begin(lib)
        #expect(journal.state == .pending && journal.baseVersion == 1)
        #expect(try lib.vault.pendingRotation(forest: Self.forest)?.macValid == true)
        #expect(text(try lib.vault.get(forest: Self.forest).password) == "Pw-checked-1!")
        #expect(text(try lib.vault.pendingPassword(forest: Self.forest)) == "Pending-Pw-1!x")
        #expect(try lib.sandbox.bytes("vault.db").range(of: Data("Pending-Pw-1!x".utf8)) == nil)
        try lib.vault.advanceRotation(forest: Self.forest, to: .changed, action: .rotateChanged, detail: [:])
        #expect(try lib.vault.pendingRotation(forest: Self.forest)?.state == .changed)
        let info = try lib.vault.commitRotation(forest: Self.forest, detail: [:])
        #expect(info.version == 2 && info.source == .generate && info.reason == "CHG-1")
        #expect(try lib.vault.pendingRotation(forest: Self.forest) == nil)
        #expect(text(try lib.vault.get(forest: Self.forest).password) == "Pending-Pw-1!x")
    }

    @Test("a second rotation, or one from a stale version, is refused")
    func onePerForest() throws {
        let lib = try CheckedRecordTests.vaultWithVersion()
        _ = try begin(lib)
        #expect(throws: CredVaultError.self) { _ = try begin(lib, "Other-Pw-2!y") }
        try lib.vault.abortRotation(forest: Self.forest, detail: [:])
        try lib.vault.set(forest: Self.forest, account: "svc", password: TestBytes.secure("Pw-checked-2!"))
        #expect(throws: CredVaultError.versionConflict(forest: Self.forest, current: 2, expected: 1)) { _ = try begin(lib) }
    }

    @Test("an edited state, a swapped ciphertext or a mistyped column is refused, never used")
    func tampering() throws {
        let lib = try CheckedRecordTests.vaultWithVersion()
        _ = try begin(lib)
        try lib.execute("UPDATE rotations SET state = 'verified'")
        #expect(try lib.vault.pendingRotation(forest: Self.forest)?.macValid == false)
        #expect(throws: CredVaultError.rotation(.journalTampered(forest: Self.forest))) {
            _ = try lib.vault.commitRotation(forest: Self.forest, detail: [:])
        }
        try lib.execute("UPDATE rotations SET state = 'pending', ciphertext = (SELECT ciphertext FROM secret_versions)")
        #expect(throws: CredVaultError.rotation(.journalTampered(forest: Self.forest))) {
            _ = try lib.vault.pendingPassword(forest: Self.forest)
        }
        try lib.execute("UPDATE rotations SET base_version = 'one'")
        #expect(throws: CredVaultError.malformedRecord(table: "rotations", key: Self.forest, column: "base_version")) {
            _ = try lib.vault.pendingRotation(forest: Self.forest)
        }
        #expect(try lib.vault.history(forest: Self.forest).count == 1)
    }
}

import Foundation
import Testing
import TestSupport
@testable import CredVault

@Suite("Secret files")
struct SecretFileTests {
    static func passphrase(_ path: String) throws -> String {
        let secret = try SecretFile.readPassphrase(path)
        return String(decoding: TestBytes.array(secret), as: UTF8.self)
    }

    @Test("a passphrase file gives its first line, without the line break", arguments: [
        ("correct horse", "correct horse"),
        ("correct horse\n", "correct horse"),
        ("correct horse\r\n", "correct horse"),
        ("correct horse\nsecond line\n", "correct horse"),
        ("  spaces kept  \n", "  spaces kept  "),
        ("\n", ""),
    ])
    func firstLine(_ vector: (contents: String, passphrase: String)) throws {
        let sandbox = try VaultSandbox("unit", initialize: false)
        #expect(try Self.passphrase(sandbox.write("pass", vector.contents)) == vector.passphrase)
    }

    @Test("a secret file readable by group or others is refused with a chmod 600 hint")
    func permissions() throws {
        let sandbox = try VaultSandbox("unit", initialize: false)
        for mode in [0o644, 0o640, 0o604, 0o660, 0o606] {
            let path = try sandbox.write("pass-\(mode)", "pw\n", mode: mode)
            #expect(throws: CredVaultError.insecurePermissions(path: path)) {
                _ = try SecretFile.readPassphrase(path)
            }
        }
        #expect(try Self.passphrase(sandbox.write("pass-400", "pw\n", mode: 0o400)) == "pw")
    }

    @Test("a missing file is not found; a folder is not a regular file")
    func missingAndFolder() throws {
        let sandbox = try VaultSandbox("unit", initialize: false)
        #expect(throws: CredVaultError.missing(.file(what: "keyfile", path: "\(sandbox.folder.path)/none"))) {
            _ = try SecretFile.read(sandbox.folder.path + "/none", what: "keyfile")
        }
        try FileMode.set(sandbox.folder.path, 0o700)
        #expect(throws: CredVaultError.self) { _ = try SecretFile.read(sandbox.folder.path, what: "keyfile") }
    }

    @Test("a keyfile must be 32 bytes of canonical base64")
    func keyfiles() throws {
        let sandbox = try VaultSandbox("unit", initialize: false)
        let key = (0..<32).map { UInt8($0) }
        let encoded = try Base64.encodeSecret(TestBytes.secure(key))
        let text = String(decoding: TestBytes.array(encoded), as: UTF8.self)
        let good = try UnlockCredential.keyfile(at: sandbox.write("good.key", text + "\n"))
        #expect(good.kind == .keyfile)
        #expect(TestBytes.array(good.secret) == key)
        for (name, contents) in [
            ("short.key", "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHg==\n"),   // 31 bytes
            ("garbage.key", "not base64 at all\n"),
            ("empty.key", ""),
        ] {
            let path = try sandbox.write(name, contents)
            #expect(throws: CredVaultError.self) { _ = try UnlockCredential.keyfile(at: path) }
        }
    }

    @Test("create makes a 0600 file and never replaces one")
    func create() throws {
        let sandbox = try VaultSandbox("unit", initialize: false)
        let path = sandbox.folder.appendingPathComponent("new.key").path
        try Array("secret".utf8).withUnsafeBytes { try SecretFile.create(path, contents: $0, what: "keyfile") }
        let mode = FileMode.of(path)
        #expect(mode == 0o600)
        #expect(throws: CredVaultError.self) {
            try Array("other".utf8).withUnsafeBytes { try SecretFile.create(path, contents: $0, what: "keyfile") }
        }
        #expect(FileManager.default.contents(atPath: path) == Data("secret".utf8))
    }
}

import Foundation
import Testing
@testable import CredVault

@Suite("Secret files")
struct SecretFileTests {
    final class Folder {
        let url: URL
        init() throws {
            url = FileManager.default.temporaryDirectory.appendingPathComponent("credvault-unit-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        }
        deinit { try? FileManager.default.removeItem(at: url) }

        func write(_ name: String, _ text: String, mode: Int = 0o600) throws -> String {
            let path = url.appendingPathComponent(name).path
            guard FileManager.default.createFile(atPath: path, contents: Data(text.utf8)) else {
                throw CredVaultError.io("cannot write test file \(path)")
            }
            try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: path)
            return path
        }
    }

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
        let folder = try Folder()
        #expect(try Self.passphrase(folder.write("pass", vector.contents)) == vector.passphrase)
    }

    @Test("a secret file readable by group or others is refused with a chmod 600 hint")
    func permissions() throws {
        let folder = try Folder()
        for mode in [0o644, 0o640, 0o604, 0o660, 0o606] {
            let path = try folder.write("pass-\(mode)", "pw\n", mode: mode)
            #expect(throws: CredVaultError.insecurePermissions(path: path)) {
                _ = try SecretFile.readPassphrase(path)
            }
        }
        #expect(try Self.passphrase(folder.write("pass-400", "pw\n", mode: 0o400)) == "pw")
    }

    @Test("a missing file is not found; a folder is not a regular file")
    func missingAndFolder() throws {
        let folder = try Folder()
        #expect(throws: CredVaultError.missing(.file(what: "keyfile", path: "\(folder.url.path)/none"))) {
            _ = try SecretFile.read(folder.url.path + "/none", what: "keyfile")
        }
        try FileManager.default.setAttributes([.posixPermissions: 0o700], ofItemAtPath: folder.url.path)
        #expect(throws: CredVaultError.self) { _ = try SecretFile.read(folder.url.path, what: "keyfile") }
    }

    @Test("a keyfile must be 32 bytes of canonical base64")
    func keyfiles() throws {
        let folder = try Folder()
        let key = (0..<32).map { UInt8($0) }
        let encoded = try Base64.encodeSecret(TestBytes.secure(key))
        let text = String(decoding: TestBytes.array(encoded), as: UTF8.self)
        let good = try UnlockCredential.keyfile(at: folder.write("good.key", text + "\n"))
        #expect(good.kind == .keyfile)
        #expect(TestBytes.array(good.secret) == key)
        for (name, contents) in [
            ("short.key", "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHg==\n"),   // 31 bytes
            ("garbage.key", "not base64 at all\n"),
            ("empty.key", ""),
        ] {
            let path = try folder.write(name, contents)
            #expect(throws: CredVaultError.self) { _ = try UnlockCredential.keyfile(at: path) }
        }
    }

    @Test("create makes a 0600 file and never replaces one")
    func create() throws {
        let folder = try Folder()
        let path = folder.url.appendingPathComponent("new.key").path
        try Array("secret".utf8).withUnsafeBytes { try SecretFile.create(path, contents: $0, what: "keyfile") }
        let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        #expect(throws: CredVaultError.self) {
            try Array("other".utf8).withUnsafeBytes { try SecretFile.create(path, contents: $0, what: "keyfile") }
        }
        #expect(FileManager.default.contents(atPath: path) == Data("secret".utf8))
    }
}

import Foundation
import Testing
import TestSupport
@testable import CredVault

/// FileAdapter on real files: the atomic replace and the keyvalue / JSON round trip.
@Suite("FileAdapter: atomic replace and target round trip (library)")
struct FileAdapterTests {
    static func text(_ secret: borrowing SecureBytes) -> String {
        String(decoding: TestBytes.array(secret), as: UTF8.self)
    }

    static func leftovers(_ sandbox: VaultSandbox) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: sandbox.folder.path).filter { $0.contains(FileAdapter.tempMarker) }
    }

    @Test("atomicReplace puts the new bytes under a new inode with the given mode, leaving no temp file")
    func atomicReplace() throws {
        let sandbox = try VaultSandbox("adapter", initialize: false)
        let path = try sandbox.write("target.properties", "password=old\n", mode: 0o640)
        let before = try #require(FileMode.status(path))
        try FileAdapter.atomicReplace(path, contents: TestBytes.secure("password=new\n"), mode: 0o640,
                                      owner: before.uid, group: before.gid)
        let after = try #require(FileMode.status(path))
        #expect(sandbox.read("target.properties") == "password=new\n")
        #expect(after.inode != before.inode, "replaced by rename, not rewritten in place")
        #expect(after.mode == 0o640)
        #expect(after.uid == before.uid && after.gid == before.gid)
        #expect(try Self.leftovers(sandbox).isEmpty)
    }

    @Test("a replace whose rename fails throws io, leaves the target as it was and removes its temp file")
    func replaceFailsCleanly() throws {
        let sandbox = try VaultSandbox("adapter", initialize: false)
        // A rename of a file over a folder fails (EISDIR), for root too.
        try sandbox.write("target.properties/inside", "kept\n")
        let error = caughtError {
            try FileAdapter.atomicReplace(sandbox.path("target.properties"), contents: TestBytes.secure("password=new\n"),
                                          mode: 0o600, owner: getuid(), group: getgid())
        }
        guard case .io = error else {
            Issue.record("expected .io, got \(String(describing: error))")
            return
        }
        #expect(sandbox.read("target.properties/inside") == "kept\n")
        #expect(try Self.leftovers(sandbox).isEmpty)
    }

    @Test("keyvalue: write then read gives the password back; every other byte stays", arguments: [
        "Simple-Pw-1", "with spaces inside", "equals=and#hash", "ünïcode-Pässwort",
    ])
    func keyValueRoundTrip(password: String) throws {
        let sandbox = try VaultSandbox("adapter", initialize: false)
        let original = "# sync service\r\nserver = dc1.contoso.com\r\npassword = old\r\n\r\nport=636\r\n"
        let path = try sandbox.write("sync.properties", original, mode: 0o600)
        let target = FileTarget(path: path, format: .keyvalue, passwordKey: "password")
        try FileAdapter.write(password: TestBytes.secure(password), to: target, expectedAccount: nil, connector: "kv")
        #expect(Self.text(try FileAdapter.readPassword(target)) == password)
        let lines = sandbox.read("sync.properties").components(separatedBy: "\r\n")
        let expected = original.components(separatedBy: "\r\n")
        #expect(lines.count == expected.count)
        for (index, line) in lines.enumerated() where !line.hasPrefix("password") {
            #expect(line == expected[index])
        }
    }

    @Test("json: write then read gives the password back, escapes included; other keys stay", arguments: [
        "Simple-Pw-1", "quote\" and back\\slash", "tab\tand\u{1}control", "ünïcode-Pässwort 🔑",
    ])
    func jsonRoundTrip(password: String) throws {
        let sandbox = try VaultSandbox("adapter", initialize: false)
        let original = #"{"connectivity": {"user": "CONTOSO\\svc", "password": "old"}, "retries": 3}"#
        let path = try sandbox.write("connector.json", original, mode: 0o600)
        let target = FileTarget(path: path, format: .json, passwordKey: "connectivity.password", accountKey: "connectivity.user")
        try FileAdapter.write(password: TestBytes.secure(password), to: target, expectedAccount: "contoso\\SVC", connector: "js")
        #expect(Self.text(try FileAdapter.readPassword(target)) == password)
        let parsed = try #require(try JSONSerialization.jsonObject(with: Data(sandbox.read("connector.json").utf8)) as? [String: Any])
        let connectivity = try #require(parsed["connectivity"] as? [String: Any])
        #expect(connectivity["password"] as? String == password)
        #expect(connectivity["user"] as? String == "CONTOSO\\svc")
        #expect(parsed["retries"] as? Int == 3)
    }

    @Test("an account mismatch names both accounts and leaves the file untouched (same inode)")
    func accountMismatch() throws {
        let sandbox = try VaultSandbox("adapter", initialize: false)
        let original = "username=FABRIKAM\\someone\npassword=old\n"
        let path = try sandbox.write("sync.properties", original)
        let before = try #require(FileMode.status(path))
        let target = FileTarget(path: path, format: .keyvalue, passwordKey: "password", accountKey: "username")
        let error = caughtError {
            try FileAdapter.write(password: TestBytes.secure("Right-Pw-1"), to: target,
                                  expectedAccount: "CONTOSO\\svc", connector: "kv")
        }
        guard case .accountMismatch(connector: "kv", path: _, found: "FABRIKAM\\someone", expected: "CONTOSO\\svc") = error else {
            Issue.record("expected .accountMismatch, got \(String(describing: error))")
            return
        }
        #expect(sandbox.read("sync.properties") == original)
        #expect(FileMode.status(path)?.inode == before.inode)
        #expect(try Self.leftovers(sandbox).isEmpty)
    }
}

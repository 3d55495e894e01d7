import Foundation
import Testing
@testable import CredVault

@Suite("Atomic replace of a file target (library)")
struct AtomicReplaceTests {
    static func folder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("credvault-atomic-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test("the new contents replace the file whole, keeping its mode; no temp file stays behind")
    func replaces() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("sync.properties").path
        try Data("user=svc\npassword=old\n".utf8).write(to: URL(fileURLWithPath: path))
        chmod(path, 0o640)
        let target = FileTarget(path: path, format: .keyvalue, passwordKey: "password", accountKey: "user")
        try FileAdapter.write(password: TestBytes.secure("New-Pw!42"), to: target, expectedAccount: "svc", connector: "sync")
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "user=svc\npassword=New-Pw!42\n")
        var info = stat()
        #expect(stat(path, &info) == 0 && info.st_mode & 0o777 == 0o640)
        #expect(FileAdapter.staleTempFiles(besides: path).isEmpty)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["sync.properties"])
    }

    @Test("an account mismatch is refused before anything is written")
    func accountMismatch() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("sync.properties").path
        let original = "user=other\npassword=old\n"
        try Data(original.utf8).write(to: URL(fileURLWithPath: path))
        let target = FileTarget(path: path, format: .keyvalue, passwordKey: "password", accountKey: "user")
        #expect(throws: CredVaultError.accountMismatch(connector: "sync", path: path, found: "other", expected: "svc")) {
            try FileAdapter.write(password: TestBytes.secure("New-Pw!42"), to: target, expectedAccount: "svc", connector: "sync")
        }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == original)
    }

    @Test("a symlinked target is replaced at its real path; the link stays a link")
    func symlink() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let real = folder.appendingPathComponent("real.properties").path
        let link = folder.appendingPathComponent("link.properties").path
        try Data("password=old\n".utf8).write(to: URL(fileURLWithPath: real))
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: real)
        let target = FileTarget(path: link, format: .keyvalue, passwordKey: "password")
        try FileAdapter.write(password: TestBytes.secure("New-Pw!42"), to: target, expectedAccount: nil, connector: "sync")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link) == real)
        #expect(try String(contentsOfFile: real, encoding: .utf8) == "password=New-Pw!42\n")
    }
}

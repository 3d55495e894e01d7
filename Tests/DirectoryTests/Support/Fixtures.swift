import CredVault
import Foundation
import TestSupport

/// Where the fixtures live in the source tree.
enum Fixtures {
    static let folder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures")
    static let sambaHarness = folder.appendingPathComponent("samba/samba-harness.sh").path
    static let slapdHarness = folder.appendingPathComponent("ldap/slapd-harness.sh").path

    /// The whole environment a directory harness runs with.
    static var harnessEnvironment: [String: String] {
        ["PATH": ProcessRunner.path, "LANG": "C.UTF-8", "HOME": NSTemporaryDirectory()]
    }

    /// What to kill if a harness hangs on stopping: the server pid it wrote to `file`.
    static func childPID(in file: URL) -> @Sendable () -> [Int32] {
        {
            guard let text = try? String(contentsOf: file, encoding: .utf8),
                  let pid = Int32(text.trimmingCharacters(in: .whitespacesAndNewlines)) else { return [] }
            return [pid]
        }
    }

    /// A new private temp folder.
    static func scratch(_ name: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("credvault-\(name)-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o700])
        return url
    }

    /// A password file's content in secure memory.
    static func password(at url: URL) throws -> SecureBytes {
        var data = try Data(contentsOf: url)
        defer { data.resetBytes(in: 0..<data.count) }
        var bytes = try SecureBytes(count: data.count)
        bytes.withUnsafeMutableBytes { _ = data.copyBytes(to: $0) }
        return bytes
    }

    /// A TCP port on 127.0.0.1 that was free a moment ago.
    static func freePort() throws -> UInt16 {
        try LoopbackSocket.freePort()
    }
}

import Foundation
import Testing
import TestSupport

/// Issue 14's setup for row tampering: a keyfile vault with `Pw-One-1` then `Pw-Two-2` for
/// `f.example`, a keyvalue file connector `app` and one healthy push of version 2.
final class TamperBench {
    static let oldPassword = "Pw-One-1"
    static let newPassword = "Pw-Two-2"

    let bench: ConnectorBench
    var vault: VaultSandbox { bench.vault }

    init() throws {
        bench = try ConnectorBench()
        try vault.set("f.example", password: TamperBench.oldPassword, extra: ["--reason", "CHG-1"])
        try vault.set("f.example", password: TamperBench.newPassword, extra: ["--reason", "CHG-2"])
        let target = try bench.file("app.properties", "password=old\n")
        try bench.addConnector(["app", "--forest", "f.example", "--file", target,
                                "--format", "keyvalue", "--password-key", "password"])
        let push = try bench.run(["push", "f.example"])
        guard push.status == 0 else { throw TestFailure("setup push failed: \(push)") }
    }

    /// Runs `sql` on the vault file with the sqlite3 shell (foreign keys off, as it starts).
    func edit(_ sql: String) throws {
        let result = try vault.sqlite(sql)
        guard result.status == 0 else { throw TestFailure("sqlite3 refused \(sql): \(result.stderr)") }
    }

    /// `arguments` exits 65 with one line on stderr and never prints the older password.
    func expectRefused(_ arguments: [String], naming: String? = nil, _ context: String) throws {
        let result = try bench.run(arguments)
        #expect(result.status == 65, "\(context): \(arguments): \(result)")
        #expect(result.stderrLines.count == 1, "\(context): \(arguments): \(result.stderr)")
        #expect(!result.stdout.contains(TamperBench.oldPassword), "\(context): \(arguments) served the old password")
        #expect(!bench.read("app.properties").contains(TamperBench.oldPassword), "\(context): \(arguments) pushed the old password")
        if let naming { #expect(result.stderr.contains(naming), "\(context): \(arguments): \(result.stderr)") }
    }
}

import CredVault
import Foundation
import TestSupport

/// The Samba AD domain controller of the directory tests (CONTOSO.TEST on 127.0.0.1, ports
/// 389 and 636), started once per test process by Tests/Fixtures/samba/samba-harness.sh and
/// shared by the tests, which run serialized: Samba cannot be moved off those ports, and a
/// provision takes tens of seconds.
final class SambaDC: Sendable {
    let folder: URL
    private let harness: HarnessProcess
    /// Current passwords of MSOL_test ("msol"), MSOL_other ("other") and "rotator".
    let passwords = PasswordBook()

    static let domainDN = "DC=contoso,DC=test"
    static let msolDN = "CN=MSOL_test,CN=Users,DC=contoso,DC=test"
    static let otherDN = "CN=MSOL_other,CN=Users,DC=contoso,DC=test"
    static let msolUPN = "msol-sync@contoso.test"

    /// The shared instance, started on first use; its failure is every test's failure.
    static let shared: Result<SambaDC, any Error> = Result { try SambaDC() }
    static func instance() throws -> SambaDC { try shared.get() }

    private init() throws {
        let folder = try Fixtures.scratch("samba")
        self.folder = folder
        let harness = try HarnessProcess(
            script: Fixtures.sambaHarness, arguments: [folder.appendingPathComponent("st").path],
            environment: Fixtures.harnessEnvironment, log: folder.appendingPathComponent("harness.log"),
            stragglers: Fixtures.childPID(in: folder.appendingPathComponent("st/samba.child.pid")))
        self.harness = harness
        let ready = folder.appendingPathComponent("st/ready").path
        let up = eventually(deadline: 240, poll: 0.2) {
            FileManager.default.fileExists(atPath: ready) || !harness.isRunning
        }
        guard up, harness.isRunning else {
            let log = (try? String(contentsOf: folder.appendingPathComponent("harness.log"), encoding: .utf8)) ?? ""
            harness.stop()
            throw FixtureError("Samba did not come up: \(log.suffix(2000))")
        }
        for account in ["msol", "other", "rotator"] {
            try passwords.record(account, Fixtures.password(at: state.appendingPathComponent("private/\(account).pw")))
        }
        atexit { if case .success(let dc) = SambaDC.shared { dc.stop() } }
    }

    func stop() {
        harness.stop()
        try? FileManager.default.removeItem(at: folder)
    }

    var state: URL { folder.appendingPathComponent("st") }
    var caFile: String { state.appendingPathComponent("tls/ca.pem").path }
    var otherCAFile: String { state.appendingPathComponent("tls/other-ca.pem").path }
    var smbConf: String { state.appendingPathComponent("dc/etc/smb.conf").path }

    func endpoint(_ url: String = "ldaps://127.0.0.1", caFile: String? = nil) throws -> DirectoryEndpoint {
        try DirectoryEndpoint(url: url, caFile: caFile ?? self.caFile)
    }

    func client(_ url: String = "ldaps://127.0.0.1") throws -> DirectoryClient {
        DirectoryClient(endpoint: try endpoint(url), kind: .activeDirectory,
                        timeouts: DirectoryTimeouts(connect: 5, operation: 20))
    }

    /// `samba-tool ARGUMENTS -s smb.conf` on the DC's database (no password on its command line).
    @discardableResult
    func sambaTool(_ arguments: [String]) throws -> ProcessResult {
        let result = try ProcessRunner.run("/usr/bin/samba-tool", arguments + ["-s", smbConf], timeout: 120)
        guard result.status == 0 else { throw FixtureError("samba-tool \(arguments) failed: \(result)") }
        return result
    }
}

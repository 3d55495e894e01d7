import CredVault
import Foundation
import TestSupport

/// A private OpenLDAP server with TLS for one test: Tests/Fixtures/ldap/slapd-harness.sh on
/// free ports of 127.0.0.1, StartTLS on one and LDAPS on the other, its certificate from a CA
/// made for it. Seeded with `cn=svc-adsync,dc=contoso,dc=com` (and fabrikam's twin).
final class SlapdTLS {
    let folder: URL
    let port: UInt16
    let ldapsPort: UInt16
    private let harness: HarnessProcess

    static let accountDN = "cn=svc-adsync,dc=contoso,dc=com"
    static let adminDN = "cn=admin,dc=contoso,dc=com"

    init() throws {
        folder = try Fixtures.scratch("slapd")
        port = try Fixtures.freePort()
        ldapsPort = try Fixtures.freePort()
        harness = try HarnessProcess(
            script: Fixtures.slapdHarness,
            arguments: [folder.appendingPathComponent("st").path, String(port), String(ldapsPort)],
            environment: Fixtures.harnessEnvironment, log: folder.appendingPathComponent("harness.log"),
            stragglers: Fixtures.childPID(in: folder.appendingPathComponent("st/slapd.child.pid")))
        // Ready when an anonymous LDAPS read of the rootDSE works (ldapsearch, not our client).
        let ready = try eventually(deadline: 30, poll: 0.1) {
            guard harness.isRunning else { return true }
            guard FileManager.default.fileExists(atPath: caFile) else { return false }
            return try ProcessRunner.run("/usr/bin/ldapsearch", ["-x", "-H", ldapsURL, "-b", "", "-s", "base", "dn"],
                                         environment: ["LDAPTLS_CACERT": caFile], timeout: 10).status == 0
        }
        guard ready, harness.isRunning else {
            let log = (try? String(contentsOf: folder.appendingPathComponent("st/slapd.log"), encoding: .utf8)) ?? ""
            stop()
            throw FixtureError("slapd did not come up: \(log.suffix(2000))")
        }
    }

    deinit { stop() }

    func stop() {
        harness.stop()
        try? FileManager.default.removeItem(at: folder)
    }

    var state: URL { folder.appendingPathComponent("st") }
    var caFile: String { state.appendingPathComponent("tls/ca.pem").path }
    var otherCAFile: String { state.appendingPathComponent("tls/other-ca.pem").path }
    var ldapsURL: String { "ldaps://127.0.0.1:\(ldapsPort)" }
    var startTLSURL: String { "ldap://127.0.0.1:\(port)" }

    func client(_ url: String) throws -> DirectoryClient {
        DirectoryClient(endpoint: try DirectoryEndpoint(url: url, caFile: caFile), kind: .openLDAP,
                        timeouts: DirectoryTimeouts(connect: 5, operation: 20))
    }

    func accountPassword() throws -> SecureBytes {
        try Fixtures.password(at: state.appendingPathComponent("private/svc-contoso.com.pw"))
    }

    func rootPassword() throws -> SecureBytes {
        try Fixtures.password(at: state.appendingPathComponent("private/rootpw"))
    }
}

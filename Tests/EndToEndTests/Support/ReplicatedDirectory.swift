import Foundation
import TestSupport

/// Two OpenLDAP servers that really replicate, for one test (Tests/Fixtures/syncrepl): a
/// provider and a consumer on free ports of 127.0.0.1, the consumer pulling
/// `dc=contoso,dc=com` by syncrepl refreshOnly every 3 seconds. A password changed on the
/// provider still binds on the consumer until its next refresh: a second domain controller
/// answering with the old password for a while. Writes sent to the consumer are referred to
/// the provider, so list the provider first wherever "the first URL" is changed.
final class ReplicatedDirectory {
    enum Replica: String, CaseIterable { case provider, consumer }

    static let forest = "contoso.com"
    static var accountDN: String { LDAPServer.accountDN(forest) }
    static var adminDN: String { "cn=admin,\(LDAPServer.baseDN(forest))" }

    let folder: URL
    let providerPort: UInt16
    let consumerPort: UInt16
    private let harness: HarnessProcess

    func uri(_ replica: Replica) -> String {
        "ldap://127.0.0.1:\(replica == .provider ? providerPort : consumerPort)/"
    }
    /// Both URIs, provider first: what a multi-DC `--url … --url …` is given.
    var uris: [String] { Replica.allCases.map(uri) }
    var rootPasswordFile: String { folder.appendingPathComponent("private/rootpw").path }

    /// Starts both servers and returns once the consumer has replicated the seeded account
    /// (it binds there); retries on other ports if the chosen ones were taken meanwhile.
    /// With `tls`, both also offer StartTLS with a certificate `caFile` verifies.
    static func start(in folder: URL, tls: Bool = false) throws -> ReplicatedDirectory {
        try HarnessProcess.firstStarting { attempt in
            try ReplicatedDirectory(folder: folder.appendingPathComponent("syncrepl-\(attempt)"),
                                    ports: (LDAPServer.freePort(), LDAPServer.freePort()), tls: tls)
        }
    }

    /// The CA of the servers' certificates (with `tls`).
    var caFile: String { folder.appendingPathComponent("tls/ca.pem").path }

    private init(folder: URL, ports: (UInt16, UInt16), tls: Bool) throws {
        guard ports.0 != ports.1 else { throw TestFailure("the same free port twice") }
        self.folder = folder
        (providerPort, consumerPort) = ports
        harness = try HarnessProcess(script: Fixtures.syncreplHarness, folder: folder,
                                     arguments: [String(ports.0), String(ports.1)] + (tls ? ["tls"] : []))
        try harness.waitUntilReady(in: folder, deadline: 30, logs: ["provider.log", "consumer.log"]) {
            guard let password = try? initialPassword() else { return false }
            return Replica.allCases.allSatisfy { (try? canBind($0, password: password)) == true }
        }
    }

    func stop() { harness.stop() }

    /// The sync account's password as seeded (a 0600 file the harness wrote).
    func initialPassword() throws -> String {
        try String(contentsOf: folder.appendingPathComponent("private/svc-contoso.com.pw"), encoding: .utf8)
    }

    /// Does the sync account bind with `password` on `replica`?
    func canBind(_ replica: Replica, password: String) throws -> Bool {
        try LDAPTools.canBind(uri(replica), dn: Self.accountDN, password: password)
    }

    /// Resets the sync account's password on the provider (as the directory manager); the
    /// consumer learns it at its next refresh.
    func changePassword(to password: String) throws {
        try LDAPTools.resetPassword(uri(.provider), account: Self.accountDN, to: password,
                                    admin: Self.adminDN, adminPasswordFile: rootPasswordFile)
    }

    /// Polls until `password` binds on `replica`; says whether it did within `deadline` s.
    func waitUntil(_ replica: Replica, accepts password: String, deadline: Double = 30) -> Bool {
        eventually(deadline: deadline, poll: 0.1) { (try? canBind(replica, password: password)) == true }
    }
}

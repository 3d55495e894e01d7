import CredVault
import Foundation
import Testing

/// Connection failures without a directory: nothing listening, a server that never answers,
/// and endpoints that are refused before any connection.
@Suite("Directory client: endpoints and connection failures", .timeLimit(.minutes(2)))
struct EndpointTests {
    /// Any readable PEM file will do for a connection that never gets to TLS.
    let caFile = "/etc/ssl/certs/ca-certificates.crt"

    @Test("a port nobody listens on is unreachable", arguments: ["ldaps", "ldap"])
    func unreachable(scheme: String) throws {
        let port = try Fixtures.freePort()
        let endpoint = try DirectoryEndpoint(url: "\(scheme)://127.0.0.1:\(port)", caFile: caFile)
        let error = #expect(throws: DirectoryError.self) {
            _ = try LDAPConnection.open(endpoint, timeouts: DirectoryTimeouts(connect: 2, operation: 2))
        }
        #expect(error == .unreachable(server: "127.0.0.1:\(port)"))
    }

    @Test("a server that accepts the connection but never answers: the TLS handshake or StartTLS times out",
          arguments: [("ldaps", DirectoryOperation.connect), ("ldap", .startTLS)])
    func hangingServer(scheme: String, step: DirectoryOperation) throws {
        let listener = try TCPListener()
        let endpoint = try DirectoryEndpoint(url: "\(scheme)://127.0.0.1:\(listener.port)", caFile: caFile)
        let error = #expect(throws: DirectoryError.self) {
            _ = try LDAPConnection.open(endpoint, timeouts: DirectoryTimeouts(connect: 1, operation: 1))
        }
        #expect(error == .timeout(step))
    }

    @Test("only ldaps:// and ldap:// (with StartTLS) with a host, and a readable CA file")
    func invalidEndpoints() {
        #expect(throws: DirectoryError.invalidEndpoint(url: "http://dc1", problem: .unsupportedScheme)) {
            try DirectoryEndpoint(url: "http://dc1", caFile: caFile)
        }
        #expect(throws: DirectoryError.invalidEndpoint(url: "ldapi:///run/slapd", problem: .unsupportedScheme)) {
            try DirectoryEndpoint(url: "ldapi:///run/slapd", caFile: caFile)
        }
        #expect(throws: DirectoryError.invalidEndpoint(url: "ldaps://", problem: .missingHost)) {
            try DirectoryEndpoint(url: "ldaps://", caFile: caFile)
        }
        #expect(throws: DirectoryError.invalidEndpoint(url: "ldaps://dc1/dc=x??sub", problem: .missingHost)) {
            try DirectoryEndpoint(url: "ldaps://dc1/dc=x??sub", caFile: caFile)
        }
        #expect(throws: DirectoryError.invalidEndpoint(url: "ldaps://dc1", problem: .unreadableCAFile(path: "/nonexistent.pem"))) {
            try DirectoryEndpoint(url: "ldaps://dc1", caFile: "/nonexistent.pem")
        }
        #expect(throws: Never.self) {
            let endpoint = try DirectoryEndpoint(url: "LDAP://dc1.contoso.com:389/", caFile: caFile)
            #expect(endpoint.security == .startTLS)
            #expect(endpoint.server == "dc1.contoso.com:389")
        }
    }
}

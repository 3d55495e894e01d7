import Foundation

/// One directory server and how to trust it: an `ldaps://` URL, or an `ldap://` URL that is
/// always upgraded with StartTLS before any bind, and the PEM file of the CA(s) that signed
/// its certificate. There is no way to skip certificate verification.
public struct DirectoryEndpoint: Equatable, Sendable {
    public enum Security: Equatable, Sendable {
        /// TLS from the first byte (`ldaps://`, port 636 by default).
        case ldaps
        /// Plain LDAP upgraded with StartTLS before anything else is sent (`ldap://`, port 389).
        case startTLS
    }

    public let url: String
    public let caFile: String
    public let security: Security
    /// `host[:port]` as written in the URL, for error messages.
    public let server: String

    public init(url: String, caFile: String) throws(DirectoryError) {
        let lowered = url.lowercased()
        let rest: Substring
        if lowered.hasPrefix("ldaps://") {
            security = .ldaps
            rest = url.dropFirst("ldaps://".count)
        } else if lowered.hasPrefix("ldap://") {
            security = .startTLS
            rest = url.dropFirst("ldap://".count)
        } else {
            throw .invalidEndpoint(url: url, problem: .unsupportedScheme)
        }
        // Only scheme://host[:port][/]: a base DN, attributes or extensions in the URL would be
        // silently ignored or, worse, change what libldap does.
        let hostPort = rest.hasSuffix("/") ? rest.dropLast() : rest
        guard !hostPort.isEmpty, !hostPort.contains("/"), !hostPort.contains("?"), !hostPort.contains(" ") else {
            throw .invalidEndpoint(url: url, problem: .missingHost)
        }
        guard FileManager.default.isReadableFile(atPath: caFile) else {
            throw .invalidEndpoint(url: url, problem: .unreadableCAFile(path: caFile))
        }
        self.url = url
        self.caFile = caFile
        self.server = String(hostPort)
    }
}

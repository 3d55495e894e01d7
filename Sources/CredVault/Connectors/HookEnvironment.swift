#if canImport(Glibc)
import Glibc
#endif

/// The facts a hook may know, passed as its whole environment. Never a password.
public struct HookEnvironment: Sendable, Equatable {
    public var forest: String
    public var connector: String
    public var version: Int
    public var fingerprint: String

    public init(forest: String, connector: String, version: Int, fingerprint: String) {
        self.forest = forest
        self.connector = connector
        self.version = version
        self.fingerprint = fingerprint
    }

    static let defaultPath = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"

    /// Exactly PATH, LANG, CREDVAULT_FOREST, CREDVAULT_CONNECTOR, CREDVAULT_VERSION,
    /// CREDVAULT_FINGERPRINT: nothing of credvault's own environment is inherited but the
    /// values of PATH and LANG.
    var variables: [String: String] {
        func inherited(_ name: String) -> String? {
            guard let value = getenv(name) else { return nil }
            let text = String(cString: value)
            return text.isEmpty ? nil : text
        }
        return [
            "PATH": inherited("PATH") ?? HookEnvironment.defaultPath,
            "LANG": inherited("LANG") ?? "C.UTF-8",
            "CREDVAULT_FOREST": forest,
            "CREDVAULT_CONNECTOR": connector,
            "CREDVAULT_VERSION": String(version),
            "CREDVAULT_FINGERPRINT": fingerprint,
        ]
    }
}

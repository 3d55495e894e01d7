import Logging

/// The library's logger. The CLI chooses where it goes and how much (CREDVAULT_LOG_LEVEL);
/// by default only warnings reach stderr. Log lines carry names, versions and fingerprints,
/// never a password or a key.
enum Log {
    static let vault = Logger(label: "credvault.vault")
    static let connectors = Logger(label: "credvault.connectors")
}

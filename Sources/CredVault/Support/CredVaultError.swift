/// Every failure the library reports. The CLI maps each case to one exit code in one place
/// (VaultCLI/Support/ExitCodes.swift); the message is one line a user can act on.
///
/// No case ever carries a password, a key or ciphertext: only names, numbers and reasons.
public enum CredVaultError: Error, Equatable, CustomStringConvertible {
    /// The caller's words are off (a flag combination, a missing argument).
    case usage(String)
    /// Input data is malformed or breaks a rule: a bad forest name, an empty password, a bad import line.
    case invalidInput(String)
    /// Stored data failed an integrity check: a ciphertext, a MAC, an audit chain, a connector row.
    case integrity(String)
    /// A stored row holds what credvault never writes: a NULL where a value belongs, a value
    /// of another type, an unknown enum value, KDF parameters out of bounds.
    case malformedRecord(table: String, key: String, column: String)
    /// No such vault, forest, version, connector or slot.
    case notFound(String, hint: String? = nil)
    /// A vault or file could not be created.
    case cannotCreate(String)
    /// Reading or writing a file or the database failed.
    case io(String)
    /// Another writer holds the vault, or a check-and-set lost the race: try again.
    case busy(String)
    /// The credential given does not open any key slot.
    case unlockFailed(String)
    /// A keyfile, passphrase file or vault is readable by others.
    case insecurePermissions(path: String, hint: String)
    /// The password reached the target but the restart hook failed or timed out.
    case restartFailed(String)
    /// The service restarted but its health check did not pass.
    case healthCheckFailed(String)
    /// libsodium refused an operation it should not refuse (out of secure memory, init failure).
    case crypto(String)

    public var description: String {
        switch self {
        case .usage(let message), .invalidInput(let message), .integrity(let message),
             .cannotCreate(let message), .io(let message), .busy(let message),
             .unlockFailed(let message), .restartFailed(let message),
             .healthCheckFailed(let message), .crypto(let message):
            return message
        case .notFound(let message, let hint):
            return hint.map { "\(message) (\($0))" } ?? message
        case .malformedRecord(let table, let key, let column):
            return "the vault's \(table) row \(key) is damaged: its \(column) column holds a value credvault never writes"
        case .insecurePermissions(let path, let hint):
            return "\(path) is readable by group or others; \(hint)"
        }
    }
}

/// Every failure the library reports, as facts: which vault, forest, version, connector or
/// slot, and which check failed. The library never words an error for a terminal and never
/// names a CLI command or flag; the CLI's `ErrorPresenter` turns each case into one line a user
/// can act on (with the command that helps) and into one exit code.
///
/// `description` is the plain fact sentence the library itself records (a push's error in
/// the `pushes` table and its audit event) and the wording a library user sees.
///
/// No case ever carries a password, a key or ciphertext: only names, numbers and reasons.
public enum CredVaultError: Error, Equatable, CustomStringConvertible {
    /// The caller left out what an operation needs.
    case usage(UsageProblem)
    /// Input data is malformed or breaks a rule: a bad forest name, an empty password, a bad import line.
    case invalidInput(String)
    /// A time filter is not a time.
    case invalidTime(TimeBound, text: String)
    /// A time filter's lower bound is after its upper bound.
    case reversedTimeRange(since: String, until: String)
    /// A hook command (exec, restart, health) is empty.
    case emptyCommand(HookRole)
    /// A file target names another account than the vault's password is for.
    case accountMismatch(connector: String, path: String, found: String, expected: String)
    /// Removing this slot would leave the vault with none.
    case lastKeySlot(id: String)
    /// Stored data failed an integrity check: a MAC, an audit chain, a damaged slot.
    case integrity(String)
    /// A version's ciphertext fails its AEAD check (altered, or moved from another row).
    case versionDamaged(forest: String, version: Int)
    /// A connector row's MAC does not match: it was edited outside credvault.
    case connectorTampered(connector: String)
    /// A stored row holds what credvault never writes: a NULL where a value belongs, a value
    /// of another type, an unknown enum value, KDF parameters out of bounds.
    case malformedRecord(table: String, key: String, column: String)
    /// A stored row's MAC is missing or does not match: it was edited, swapped or copied in
    /// from elsewhere outside credvault.
    case rowTampered(table: String, key: String)
    /// A CSV record without a header row names a forest the vault does not have: its columns
    /// may be swapped (a password in the forest column). Its value is not repeated.
    case importForestUnknown(line: Int)
    /// A pinned file target is no longer the file `connector add` pinned.
    case targetChanged(connector: String, path: String, change: TargetChange)
    /// No such vault, forest, version, connector, slot, file or program.
    case missing(MissingThing)
    /// A vault or file could not be created.
    case cannotCreate(String)
    /// Reading or writing a file or the database failed.
    case io(String)
    /// Another writer holds the vault, or another process changed what this one read: try again.
    case busy(String)
    /// A check-and-set lost the race: the forest moved on from the expected version.
    case versionConflict(forest: String, current: Int, expected: Int)
    /// Another push holds the vault's push lock.
    case pushInProgress
    /// The credential given does not open any key slot.
    case unlockFailed(String)
    /// A keyfile, passphrase file or vault is readable by others.
    case insecurePermissions(path: String)
    /// A vault file belongs to another user than the one running credvault.
    case foreignOwner(path: String, owner: UInt32, user: UInt32)
    /// libsodium refused an operation it should not refuse (out of secure memory, init failure).
    case crypto(String)
    /// Dependents of a forest are unreachable or failed, and a change must not leave them
    /// behind unnamed; each entry is `NAME (state: reason)`.
    case dependentsNotReady(forest: String, connectors: [String])
    /// A connector's pause hook failed; nothing was written and the service was resumed.
    case pauseFailed(connector: String, detail: String)
    /// A connector's resume hook failed: its service stays paused (and recorded so).
    case resumeFailed(connector: String, detail: String)
    /// The directory could not be asked, or refused: `policy` when it had been read.
    case directory(DirectoryError, policy: DirectoryPolicy?)
    /// A rotation was refused before it changed anything, or stopped part way.
    case rotation(RotationProblem)
    /// A guarded `set` stored nothing (account change, reused password, no account).
    case setRefused(SetRefusal)
    /// A restore would drop `count` events of the vault's trail that the backup does not hold.
    case restoreWouldLoseEvents(count: Int, backupHead: Int64, vaultHead: Int64)

    public var description: String {
        switch self {
        case .usage(let problem): return problem.description
        case .invalidInput(let message), .integrity(let message), .cannotCreate(let message), .io(let message),
             .busy(let message), .unlockFailed(let message), .crypto(let message):
            return message
        case .invalidTime(let bound, let text):
            return "the \(bound.rawValue) time \"\(Validation.printable(text))\" is not a time (use RFC 3339, e.g. 2026-11-25T13:00:00Z, or a date YYYY-MM-DD)"
        case .reversedTimeRange(let since, let until):
            return "the since time \(since) is after the until time \(until)"
        case .emptyCommand(let role):
            return "the \(role.rawValue) command is empty"
        case .accountMismatch(let connector, let path, let found, let expected):
            return "connector \(connector): \(path) names account \(Validation.printable(found)) but the vault's password is for \(Validation.printable(expected)); nothing was written"
        case .lastKeySlot(let id):
            return "key slot \(id) is the vault's only slot; removing it would lock the vault for good"
        case .versionDamaged(let forest, let version):
            return "\(forest) version \(version) failed its integrity check (ciphertext altered or moved); other versions are unaffected"
        case .connectorTampered(let name):
            return "connector \(name) was changed in the database outside credvault (its MAC does not match); refusing to use it"
        case .malformedRecord(let table, let key, let column):
            return "the vault's \(table) row \(key) is damaged: its \(column) column holds a value credvault never writes"
        case .rowTampered(let table, let key):
            return "the vault's \(table) row \(key) was changed outside credvault (its MAC does not match); refusing to use it"
        case .importForestUnknown(let line):
            return "import line \(line): without a header row naming the columns, each record's forest must be one the "
                + "vault has, and this record's first field is not; nothing was imported"
        case .targetChanged(let connector, let path, let change):
            return "connector \(connector): the target \(path) is not the file pinned at connector add: \(change); nothing was written"
        case .missing(let thing): return thing.description
        case .setRefused(let refusal): return refusal.description
        case .restoreWouldLoseEvents(let count, let backupHead, let vaultHead):
            return "the vault's audit trail (head seq \(vaultHead)) has \(count) event\(count == 1 ? "" : "s") the backup (head seq \(backupHead)) does not hold; nothing was restored"
        case .versionConflict(let forest, let current, let expected):
            return "\(forest) is at version \(current), not \(expected): another change landed first; nothing was stored"
        case .pushInProgress:
            return "another push is running on this vault; try again when it has finished"
        case .insecurePermissions(let path):
            return "\(path) is readable by group or others"
        case .foreignOwner(let path, let owner, let user):
            return "\(path) belongs to uid \(owner), not to uid \(user)"
        case .dependentsNotReady(let forest, let connectors):
            return "\(connectors.count == 1 ? "a dependent" : "\(connectors.count) dependents") of \(forest) \(connectors.count == 1 ? "is" : "are") not ready: \(connectors.joined(separator: "; ")); nothing was changed"
        case .pauseFailed(let connector, let detail):
            return "pause of \(connector) failed: \(detail); nothing was written"
        case .resumeFailed(let connector, let detail):
            return "resume of \(connector) failed: \(detail); its service stays paused and runs no sync"
        case .directory(let error, _): return "directory: \(error)"
        case .rotation(let problem): return problem.description
        }
    }
}

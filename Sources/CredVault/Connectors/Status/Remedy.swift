/// What fixes a `doctor` finding, as a fact; the CLI words it as the command to run.
public enum Remedy: Sendable, Equatable {
    /// The forest has no connector yet.
    case addConnector(forest: String)
    /// A tampered connector row: remove it and add it again.
    case readdConnector(connector: String, forest: String)
    /// A push removes the temp files an interrupted push left.
    case pushRemovingTempFiles(forest: String)
    /// Put the target file back (or re-add the connector), then push.
    case restoreTargetThenPush(forest: String)
    /// Make the target parse and hold its key, then push.
    case repairTargetThenPush(forest: String)
    case push(forest: String)
    /// The target holds an unknown password: store it if the directory has it, else push.
    case storeTargetPasswordOrPush(forest: String, account: String)
    /// A push runs only the pending restart and health check.
    case restartOnly(forest: String)
    /// Look at the service, then push again (rollback available).
    case checkServiceThenPush(forest: String)
    /// The directory holds a password the vault does not: store it, then push.
    case storeDirectoryPassword(forest: String, account: String)
    /// A paused service that holds the current password: resume it.
    case resume(connector: String)
    /// The password is older than the policy allows: rotate it.
    case rotate(forest: String)
}

/// What a `.missing` error did not find.
public enum MissingThing: Sendable, Equatable, CustomStringConvertible {
    case vault(path: String)
    /// The vault path names a directory.
    case vaultIsDirectory(path: String)
    case forest(String)
    /// A connector was added for a forest the vault holds no password for.
    case forestForConnector(String)
    /// `latest` is the forest's current version.
    case version(forest: String, version: Int, latest: Int)
    case connector(String)
    /// A connector asked for by name belongs to another forest than the one pushed.
    case connectorOfOtherForest(connector: String, forest: String, requested: String)
    /// A forest that has no connectors was pushed.
    case connectors(forest: String)
    case keySlot(id: String)
    /// A keyfile, passphrase file or similar input file.
    case file(what: String, path: String)
    /// A connector's target file.
    case targetFile(path: String)
    /// A push found its target file gone; nothing was written.
    case pushTarget(connector: String, path: String)
    /// A hook's program; `searchedPath` when it was looked up on PATH.
    case program(HookRole, program: String, searchedPath: Bool)
    /// The service log `doctor --log` was given.
    case log(path: String)
    /// A connector asked to pause or resume has no such hook.
    case hook(HookRole, connector: String)
    /// A forest whose directory was never set.
    case directory(forest: String)
    /// No maximum password age is set for the forest (nil: vault-wide).
    case agePolicy(forest: String?)

    public var description: String {
        switch self {
        case .vault(let path): return "no vault at \(path)"
        case .vaultIsDirectory(let path): return "\(path) is a directory, not a vault file"
        case .forest(let name), .forestForConnector(let name): return "no forest \(name) in the vault"
        case .version(let forest, let version, let latest): return "\(forest) has no version \(version) (versions 1 to \(latest))"
        case .connector(let name): return "no connector named \(name)"
        case .connectorOfOtherForest(let connector, let forest, let requested):
            return "connector \(connector) belongs to forest \(forest), not \(requested)"
        case .connectors(let forest): return "forest \(forest) has no connectors"
        case .keySlot(let id): return "no key slot \(Validation.printable(id)) in the vault"
        case .file(let what, let path): return "no \(what) at \(path)"
        case .targetFile(let path): return "the target file \(path) does not exist"
        case .pushTarget(let connector, let path):
            return "connector \(connector): the target file \(path) does not exist; nothing was written"
        case .program(let role, let program, let searchedPath):
            return searchedPath
                ? "the \(role.rawValue) program \(program) is not on PATH"
                : "the \(role.rawValue) program \(program) does not exist or is not executable"
        case .log(let path): return "cannot read the log \(path)"
        case .hook(let role, let connector): return "connector \(connector) has no \(role.rawValue) hook"
        case .directory(let forest): return "no directory is set for forest \(forest)"
        case .agePolicy(let forest):
            return forest.map { "no maximum password age is set for forest \($0)" } ?? "no vault-wide maximum password age is set"
        }
    }
}

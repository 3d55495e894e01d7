import CredVault

/// The one place where the library's facts become the sentences a user reads, with the
/// command that helps, and where every error and outcome becomes its exit code.
enum ErrorPresenter {
    // MARK: Library errors

    /// The one line `credvault` prints for `error`.
    static func line(for error: CredVaultError) -> String {
        switch error {
        case .usage(let problem): return line(for: problem)
        case .missing(let thing): return line(for: thing)
        case .invalidTime(let bound, let text):
            return "--\(bound.rawValue) \"\(Validation.printable(text))\" is not a time (use RFC 3339, e.g. 2026-11-25T13:00:00Z, or a date YYYY-MM-DD)"
        case .reversedTimeRange(let since, let until):
            return "--since \(since) is after --until \(until)"
        case .emptyCommand(let role):
            return "the --\(role.rawValue) command is empty"
        case .accountMismatch:
            return "\(error.description) (pass --force if the file is wrong)"
        case .lastKeySlot:
            return "\(error.description) (add another first: `credvault keyfile add --out PATH` or `credvault passphrase change`)"
        case .connectorTampered(let name):
            return "\(error.description). Check the vault, then `credvault connector remove \(name)` and add it again"
        case .importForestUnknown:
            return "\(error.description) (start the file with the header forest,account,password, or pass --new-forests "
                + "if these forests are new)"
        case .targetChanged(let connector, _, _):
            return "\(error.description). Check the file, then `credvault connector remove \(connector)` and add it again"
        case .pushInProgress:
            return "another `credvault push` is running on this vault; try again when it has finished"
        case .insecurePermissions(let path):
            return "\(error.description); run `chmod 600 \(path)`"
        case .foreignOwner(let path, _, let user):
            return "\(error.description); run `chown \(user) \(path)`"
        case .invalidInput, .integrity, .versionDamaged, .malformedRecord, .rowTampered, .cannotCreate, .io, .busy,
             .versionConflict, .unlockFailed, .crypto:
            return error.description
        }
    }

    private static func line(for problem: UsageProblem) -> String {
        switch problem {
        case .newVaultNeedsCredential: return "a new vault needs a passphrase or --keyfile-out"
        case .pushNeedsForestOrAll: return "name a forest, or pass --all"
        case .fileConnectorNeedsTarget: return "a file connector needs --file, --format and --password-key"
        case .execConnectorNeedsCommand: return "an exec connector needs --exec"
        case .notACheckpointLine: return "\(problem.description) as `credvault audit checkpoint` prints it"
        }
    }

    private static func line(for thing: MissingThing) -> String {
        switch thing {
        case .vault: return "\(thing) (run `credvault init` to create one, or pass --vault)"
        case .vaultIsDirectory: return "\(thing) (pass --vault with the vault file's path)"
        case .forest: return "\(thing) (`credvault list` shows the forests)"
        case .forestForConnector(let forest):
            return "\(thing) (store its password first: `credvault set \(forest) --account ACCOUNT --stdin`)"
        case .connector: return "\(thing) (`credvault connector list` shows the connectors)"
        case .connectors(let forest):
            return "\(thing) (add one with `credvault connector add NAME --forest \(forest) --file PATH ...`)"
        case .keySlot: return "\(thing) (`credvault keys` lists the slots)"
        case .program(let role, let program, let searchedPath):
            return searchedPath
                ? "the --\(role.rawValue) program \(program) is not on PATH"
                : "the --\(role.rawValue) program \(program) does not exist or is not executable"
        case .version, .connectorOfOtherForest, .file, .targetFile, .pushTarget, .log:
            return thing.description
        }
    }

    static func exitCode(for error: CredVaultError) -> Int32 {
        switch error {
        case .usage: return ExitCodes.usage
        case .invalidInput, .invalidTime, .reversedTimeRange, .emptyCommand, .accountMismatch, .lastKeySlot,
             .integrity, .versionDamaged, .connectorTampered, .malformedRecord, .rowTampered, .targetChanged,
             .importForestUnknown:
            return ExitCodes.dataError
        case .missing: return ExitCodes.noInput
        case .cannotCreate: return ExitCodes.cannotCreate
        case .io: return ExitCodes.ioError
        case .busy, .versionConflict, .pushInProgress: return ExitCodes.tempFail
        case .unlockFailed, .insecurePermissions, .foreignOwner: return ExitCodes.noPermission
        case .crypto: return ExitCodes.failure
        }
    }

    // MARK: The CLI's own failures and reported outcomes

    /// The line for `failure`, or nil when the command has already said everything.
    static func line(for failure: CLIFailure) -> String? {
        switch failure {
        case .noTerminal(let what, let instead): return "no terminal to ask for \(what); use \(instead)"
        case .cannotDisableEcho: return "cannot turn off echo on the terminal"
        case .unknownCommand(let word):
            return "'\(Validation.printable(word))' is not a credvault command (`credvault --help` lists them)"
        case .tamperedConnectorInStatus(let connector, let forest):
            return "connector \(connector) was changed in the database outside credvault (its MAC does not match); `credvault doctor \(forest)` says how to fix it"
        case .tamperedConnectorInShow(let connector):
            return "connector \(connector) was changed in the database outside credvault (its MAC does not match)"
        case .tamperedConnectorInDoctor(let forest):
            return "a connector of \(forest) was changed in the database outside credvault"
        case .doctorFoundProblems, .pushReported: return nil
        }
    }

    static func exitCode(for failure: CLIFailure) -> Int32 {
        switch failure {
        case .noTerminal, .cannotDisableEcho, .unknownCommand: return ExitCodes.usage
        case .tamperedConnectorInStatus, .tamperedConnectorInShow, .tamperedConnectorInDoctor: return ExitCodes.dataError
        case .doctorFoundProblems: return ExitCodes.failure
        case .pushReported(let code): return code
        }
    }

    // MARK: Push and doctor outcomes

    /// The first refusal's own code; else 3 if a restart failed; else 4 if a health check failed.
    static func exitCode(for reports: [PushReport]) -> Int32 {
        if let error = reports.compactMap(\.error).first { return exitCode(for: error) }
        if reports.contains(where: { $0.outcome == .restartFailed }) { return ExitCodes.restartFailed }
        if reports.contains(where: { $0.outcome == .healthFailed }) { return ExitCodes.healthCheckFailed }
        return ExitCodes.ok
    }

    /// What a push report says to a person: a refusal in the presenter's words, an outcome
    /// with the command that continues it.
    static func message(for report: PushReport) -> String {
        if let error = report.error { return line(for: error) }
        switch report.outcome {
        case .written: return "\(report.message) (run `credvault push \(report.forest)` to restart)"
        case .restartFailed: return "\(report.message) (`credvault push \(report.forest)` retries only the restart)"
        case .healthy, .unchanged, .planned, .healthFailed, .failed: return report.message
        }
    }

    /// How `doctor` ends after printing `findings`: nil when nothing is wrong.
    static func verdict(of findings: [Finding], forest: String) -> CLIFailure? {
        if findings.contains(where: { $0.kind == .tampered }) {
            return .tamperedConnectorInDoctor(forest: (try? Validation.forest(forest)) ?? "the forest")
        }
        if findings.contains(where: { $0.kind != .ok }) { return .doctorFoundProblems }
        return nil
    }

    /// The command (and the words around it) that carries out `remedy`.
    static func command(for remedy: Remedy) -> String {
        switch remedy {
        case .addConnector(let forest):
            return "credvault connector add NAME --forest \(forest) --file PATH --format json|keyvalue --password-key KEY --restart CMD --health CMD"
        case .readdConnector(let connector, let forest):
            return "check who changed the vault, then: credvault connector remove \(connector) && credvault connector add \(connector) --forest \(forest) ..."
        case .pushRemovingTempFiles(let forest):
            return "credvault push \(forest)   (removes them), or delete them"
        case .restoreTargetThenPush(let forest):
            return "restore the file (or re-add the connector with the right --file), then: credvault push \(forest)"
        case .repairTargetThenPush(let forest):
            return "fix the file so it parses and holds its key, then: credvault push \(forest)"
        case .push(let forest):
            return "credvault push \(forest)"
        case .storeTargetPasswordOrPush(let forest, let account):
            return "if that password is the one the directory has, store it: credvault set \(forest) --account \(CommandLineSplitter.quote(account)) --stdin; otherwise: credvault push \(forest)"
        case .restartOnly(let forest):
            return "credvault push \(forest)   (runs only the restart and health check)"
        case .checkServiceThenPush(let forest):
            return "look at the service, then: credvault push \(forest)   (re-runs the restart and health check; add --rollback-on-failure to go back)"
        case .storeDirectoryPassword(let forest, let account):
            return "store the directory's password: credvault set \(forest) --account \(CommandLineSplitter.quote(account)) --stdin   then: credvault push \(forest)"
        }
    }
}

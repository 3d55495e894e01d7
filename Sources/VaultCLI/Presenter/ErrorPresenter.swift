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
        case .dependentsNotReady:
            return "\(error.description) (fix them, or name each one you mean to leave behind with --skip CONNECTOR)"
        case .directory(let failure, let policy): return DirectoryErrorText.sentence(for: failure, policy: policy)
        case .rotation(let problem): return line(for: problem)
        case .setRefused(let refusal): return line(for: refusal)
        case .restoreWouldLoseEvents:
            return "\(error.description) (pass --force to restore anyway; the replaced vault is kept beside it)"
        case .versionConflict(let forest, 0, let expected):
            return "\(forest) has no version yet, so it is not at version \(expected); nothing was stored (leave out --expect-version, or give --expect-version 0, for a new forest)"
        case .invalidInput, .integrity, .versionDamaged, .malformedRecord, .rowTampered, .cannotCreate, .io, .busy,
             .versionConflict, .unlockFailed, .crypto, .pauseFailed:
            return error.description
        case .resumeFailed(let connector, _):
            return "\(error.description) (`credvault connector resume \(connector)` tries again)"
        }
    }

    private static func line(for problem: UsageProblem) -> String {
        switch problem {
        case .newVaultNeedsCredential: return "a new vault needs a passphrase or --keyfile-out"
        case .pushNeedsForestOrAll: return "name a forest, or pass --all"
        case .fileConnectorNeedsTarget: return "a file connector needs --file, --format and --password-key"
        case .execConnectorNeedsCommand: return "an exec connector needs --exec"
        case .pauseNeedsResume: return "give --pause and --resume together, or neither"
        case .notACheckpointLine: return "\(problem.description) as `credvault audit checkpoint` prints it"
        }
    }

    private static func line(for refusal: SetRefusal) -> String {
        switch refusal {
        case .newForestNeedsAccount(let forest):
            return "\(forest) is a new forest: give --account with the AD account its password belongs to"
        case .accountChange(_, let current, _):
            return "\(refusal.description) (pass --new-account to change the account from \(Validation.printable(current)), or leave out --account to keep it)"
        case .reused(_, _, let window):
            return "\(refusal.description): it must differ from the last \(window) passwords, as the directory's history does (pass --allow-reuse to store it anyway)"
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
        case .hook(let role, let connector):
            return "\(thing) (add the connector again with --pause and --resume: `credvault connector remove \(connector)`, then `credvault connector add \(connector) ... --\(role.rawValue) CMD`)"
        case .directory(let forest):
            return "\(thing) (set it: `credvault directory set \(forest) --url ldaps://DC --ca-file CA.pem`)"
        case .agePolicy: return "\(thing) (`credvault policy show` lists the maximum ages)"
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
        case .setRefused(.newForestNeedsAccount): return ExitCodes.usage
        case .setRefused, .restoreWouldLoseEvents: return ExitCodes.dataError
        case .dependentsNotReady, .pauseFailed: return ExitCodes.tempFail
        // A service left paused is out of service, like one whose restart failed.
        case .resumeFailed: return ExitCodes.restartFailed
        case .directory(let failure, _): return exitCode(for: failure)
        case .rotation(let problem): return exitCode(for: problem)
        }
    }

    /// A directory that cannot be asked is 69; one that answered no is 76.
    static func exitCode(for failure: DirectoryError) -> Int32 {
        switch failure {
        // sysexits' EX_UNAVAILABLE also covers "a support program or file does not exist".
        case .unreachable, .tlsFailed, .timeout, .libraryMissing: return ExitCodes.unavailable
        case .invalidEndpoint(_, .unreadableCAFile): return ExitCodes.noInput
        case .invalidEndpoint: return ExitCodes.usage
        case .passwordNotUTF8: return ExitCodes.dataError
        case .outOfSecureMemory: return ExitCodes.failure
        case .invalidCredentials, .accountRestricted, .wrongCurrentPassword, .passwordRejected, .insufficientRights,
             .unwillingToPerform, .noSuchAccount, .ambiguousAccount, .other:
            return ExitCodes.directoryRefused
        }
    }

    static func exitCode(for problem: RotationProblem) -> Int32 {
        switch problem {
        case .directoryTampered, .journalTampered: return ExitCodes.dataError
        case .alreadyPending, .replicationTimeout, .pausedTooLong: return ExitCodes.tempFail
        case .tooYoung, .passwordBelowPolicy, .passwordInHistory: return ExitCodes.directoryRefused
        case .changeUnconfirmed, .indeterminate: return ExitCodes.failure
        }
    }

    // MARK: The CLI's own failures and reported outcomes

    /// The line for `failure`, or nil when the command has already said everything.
    static func line(for failure: CLIFailure) -> String? {
        switch failure {
        case .noTerminal(let what, let instead): return "no terminal to ask for \(what); use \(instead)"
        case .cannotDisableEcho: return "cannot turn off echo on the terminal"
        case .noPassphraseSlot(let vault):
            return "\(vault) opens with a keyfile only (it has no passphrase slot): give --keyfile PATH or set CREDVAULT_KEYFILE"
        case .unknownCommand(let word):
            return "'\(Validation.printable(word))' is not a credvault command (`credvault --help` lists them)"
        case .toolVersionAfterSubcommand(let command):
            return command == "get"
                ? "--version needs a number here (`get F --version N` reads version N); credvault's own version is `credvault --version`"
                : "\(Validation.printable(command)) has no --version option; credvault's own version is `credvault --version`"
        case .tamperedConnectorInStatus(let connector, let forest):
            return "connector \(connector) was changed in the database outside credvault (its MAC does not match); `credvault doctor \(forest)` says how to fix it"
        case .tamperedConnectorInShow(let connector):
            return "connector \(connector) was changed in the database outside credvault (its MAC does not match)"
        case .tamperedConnectorInDoctor(let forest):
            return "a connector of \(forest) was changed in the database outside credvault"
        case .doctorFoundProblems, .pushReported, .alreadyReported, .stateReported: return nil
        }
    }

    static func exitCode(for failure: CLIFailure) -> Int32 {
        switch failure {
        case .noTerminal, .cannotDisableEcho, .unknownCommand, .toolVersionAfterSubcommand, .noPassphraseSlot: return ExitCodes.usage
        case .tamperedConnectorInStatus, .tamperedConnectorInShow, .tamperedConnectorInDoctor: return ExitCodes.dataError
        case .doctorFoundProblems: return ExitCodes.failure
        case .pushReported(let code), .stateReported(let code): return code
        case .alreadyReported(let error): return exitCode(for: error)
        }
    }

    // MARK: Push and doctor outcomes

    /// The first refusal's own code; else 3 if a restart failed or a service stays paused; else 4
    /// if a health check failed. A reconcile (`push --all`, the timer's run) also exits 5 when
    /// it leaves a restart pending.
    /// With `overdue` (a `push --all` that finds a password older than its maximum age) the
    /// code is 7 when nothing above applies.
    static func exitCode(for reports: [PushReport], reconcile: Bool = false, overdue: Bool = false) -> Int32 {
        let code = pushCode(for: reports, reconcile: reconcile)
        return code == ExitCodes.ok && overdue ? ExitCodes.passwordOverdue : code
    }

    private static func pushCode(for reports: [PushReport], reconcile: Bool) -> Int32 {
        if let error = reports.compactMap(\.error).first { return exitCode(for: error) }
        // A service left paused is as out of service as one that did not restart.
        if reports.contains(where: { $0.outcome == .restartFailed || $0.leftPaused }) { return ExitCodes.restartFailed }
        if reports.contains(where: { $0.outcome == .healthFailed }) { return ExitCodes.healthCheckFailed }
        if reconcile, reports.contains(where: { $0.outcome == .written || $0.restartLeftPending }) {
            return ExitCodes.restartPending
        }
        return ExitCodes.ok
    }

    /// The code naming the worst of `problems` (`status`, `doctor --all`, `check`): 65 a
    /// tampered row, 3 a failed restart or a paused service, 4 a failed health check, 6 a drifted target, 5 a
    /// pending restart; then 7 when `overdue` (a password older than its maximum age: the
    /// services still work, so every connector problem outranks it); 0 when there is none.
    static func exitCode(for problems: [ConnectorProblem], overdue: Bool = false) -> Int32 {
        switch problems.min() {
        case nil: return overdue ? ExitCodes.passwordOverdue : ExitCodes.ok
        case .tampered: return ExitCodes.dataError
        // A paused service is as out of service as one that did not restart.
        case .restartFailed, .paused: return ExitCodes.restartFailed
        case .healthFailed: return ExitCodes.healthCheckFailed
        case .drifted: return ExitCodes.drifted
        case .restartPending: return ExitCodes.restartPending
        }
    }

    /// How `doctor --all` ends: the worst connector problem's code, else 7 for a password
    /// older than its maximum age, else 1 for any other problem (no connectors, leftover temp
    /// files), else nil.
    static func verdict(ofAll findings: [Finding]) -> CLIFailure? {
        let code = exitCode(for: findings.compactMap(\.problem), overdue: findings.contains { $0.kind == .passwordOverdue })
        if code != ExitCodes.ok { return .stateReported(code: code) }
        if findings.contains(where: { $0.kind != .ok }) { return .doctorFoundProblems }
        return nil
    }

    /// What a push report says to a person: a refusal in the presenter's words, an outcome
    /// with the command that continues it.
    static func message(for report: PushReport) -> String {
        let text = report.error.map(line(for:)) ?? outcomeText(for: report)
        let quiesced = report.quiesce.isEmpty ? text : "\(text) (\(report.quiesce.joined(separator: ", ")))"
        guard report.leftPaused else { return quiesced }
        let next = report.outcome == .restartFailed
            ? "`credvault push \(report.forest)` retries the restart and then resumes it"
            : "`credvault connector resume \(report.connector)` resumes it"
        return "\(quiesced). WARNING: \(report.connector) is still PAUSED and runs no sync; \(next)"
    }

    /// A push outcome in words, with the command that continues it.
    private static func outcomeText(for report: PushReport) -> String {
        switch report.outcome {
        case .written: return "\(report.message) (run `credvault push \(report.forest)` to restart)"
        case .restartFailed where report.leftPaused: return report.message
        case .restartFailed: return "\(report.message) (`credvault push \(report.forest)` retries only the restart)"
        case .healthFailed where report.rolledBackTo != nil:
            let current = report.version.map { "v\($0)" } ?? "the current version"
            return "\(report.message) (the next `credvault push \(report.forest)` or `push --all` writes \(current) again; if the directory still has v\(report.rolledBackTo ?? 0), `credvault rollback \(report.forest) --to \(report.rolledBackTo ?? 0)` makes it current)"
        case .healthFailed where report.action == .none:
            return "\(report.message) (look at the service, then `credvault push \(report.forest)` runs the restart and health check again)"
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
        case .resume(let connector):
            return "credvault connector resume \(connector)"
        case .rotate(let forest):
            return "credvault rotate \(forest)   (or store a new password: credvault set \(forest) --stdin, then push it)"
        case .storeDirectoryPassword(let forest, let account):
            return "store the directory's password: credvault set \(forest) --account \(CommandLineSplitter.quote(account)) --stdin   then: credvault push \(forest)"
        }
    }
}

// MARK: Rotation

/// The line for a stopped or refused rotation: what stopped it and the command that continues it.
extension ErrorPresenter {
    static func line(for problem: RotationProblem) -> String {
        switch problem {
        case .directoryTampered(let forest):
            return "\(problem.description); nothing was changed. Check the vault, then `credvault directory set \(forest) ...` again"
        case .journalTampered(let forest):
            return "\(problem.description); nothing was changed. `credvault audit verify` and `credvault history \(forest)` show what the vault holds"
        case .alreadyPending(let forest, _):
            return "\(problem.description); nothing was changed: finish or undo it with `credvault rotate --resume \(forest)`"
        case .tooYoung(let forest, let notBefore):
            return "the domain's minimum password age forbids a self change of \(forest)'s password until \(notBefore); nothing was changed. Rotate then, or reset it with a rotator account: `credvault directory set \(forest) ... --reset-with ENTRY`"
        case .passwordBelowPolicy:
            return "\(problem.description); nothing was changed: give a longer or more varied password, or let credvault generate one"
        case .passwordInHistory:
            return "\(problem.description); nothing was changed: give a new password, or let credvault generate one"
        case .replicationTimeout(let forest, _, _):
            return "\(problem.description); the directory holds the new password and the vault keeps it as pending: `credvault rotate --resume \(forest)` when replication has caught up"
        case .changeUnconfirmed(let forest, let outcome):
            return "\(problem.description) (\(rotationWord(outcome))); both passwords are kept: `credvault rotate --resume \(forest)` asks the directory again"
        case .indeterminate(let forest, let pending, let current):
            return "rotation of \(forest) indeterminate: the pending password \(rotationWord(pending)), the current one \(current.map(rotationWord) ?? "was not tried"); both are kept. Check the account in the directory (replication, an outside change), then `credvault rotate --resume \(forest)`"
        case .pausedTooLong:
            return "\(problem.description); nothing was changed and every service was resumed: make the pause hooks quicker, or give a larger --max-pause"
        }
    }

    static func rotationWord(_ outcome: BindOutcome) -> String {
        switch outcome {
        case .accepted: return "binds"
        case .refused: return "is refused"
        case .inconclusive(let error): return "got no answer (\(DirectoryErrorText.sentence(for: error).prefix(120)))"
        }
    }
}

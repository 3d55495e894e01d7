import Foundation

/// What a connector's target holds, judged by fingerprint.
public enum TargetState: String, Sendable, Codable {
    /// The current version.
    case current
    /// An older version (`targetVersion` says which).
    case stale
    /// A password that matches no version in the vault (or, for exec, never pushed).
    case unknown
    /// The target file does not exist.
    case missing
    /// The file exists but cannot be read or parsed.
    case unreadable
    /// The connector row failed its MAC check: its target is not trusted, so not read.
    case unverified
}

public struct ForestStatus: Sendable {
    public let forest: String
    public let account: String
    public let currentVersion: Int
    public let fingerprint: String
    public let currentSince: String
    public let ageSeconds: Int
}

public struct ConnectorStatus: Sendable {
    public let name: String
    public let forest: String
    public let adapter: ConnectorAdapter
    public let target: String
    public let macValid: Bool
    public let targetState: TargetState
    public let targetVersion: Int?
    public let targetError: String?
    public let lastPush: PushRecord?
    public let restartPending: Bool
    public let healthFailed: Bool
    public let currentVersion: Int
    public let hasRestartHook: Bool
    /// The target file of a file connector.
    public let filePath: String?
}

/// One thing `doctor` found: what is wrong, in plain words, and the command that fixes it.
public struct Finding: Sendable, Equatable {
    public enum Kind: String, Sendable, Codable {
        case ok, noConnectors = "no-connectors", tampered, missingTarget = "missing-target", unreadableTarget = "unreadable-target"
        case stale, unknown, restartPending = "restart-pending", restartFailed = "restart-failed"
        case healthFailed = "health-failed", directoryAhead = "directory-has-unknown-password"
        case leftoverTempFiles = "leftover-temp-files"
    }

    public let kind: Kind
    public let connector: String?
    public let message: String
    public let fix: String?
}

extension Vault {
    /// Every forest with its current version and age.
    public func forestStatuses(now: Double = Double(time(nil))) throws(CredVaultError) -> [ForestStatus] {
        var result: [ForestStatus] = []
        for summary in try list() {
            let state = try forestState(summary.forest)
            let since = state.currentCreatedAt
            let age = Timestamp.parse(since).map { max(0, Int(now - $0)) } ?? 0
            result.append(ForestStatus(
                forest: summary.forest, account: summary.account, currentVersion: summary.currentVersion,
                fingerprint: Fingerprint(hex: state.currentFingerprint).short, currentSince: since, ageSeconds: age))
        }
        return result
    }

    /// Every connector (of one forest, or all): what its target holds, its last push, whether a
    /// restart is pending, and whether its row passes the MAC check.
    public func connectorStatuses(forest: String? = nil) throws(CredVaultError) -> [ConnectorStatus] {
        let pusher = Pusher(vault: self)
        var result: [ConnectorStatus] = []
        for entry in try connectors(forest: forest) {
            let connector = entry.config
            let last = try lastPush(connector: connector.name)
            let forestState = try self.forestState(connector.forest)
            var state = TargetState.unknown
            var version: Int?
            var targetError: String?
            var reading = Pusher.TargetReading()
            if !entry.macValid {
                state = .unverified
            } else {
                do throws(CredVaultError) {
                    reading = try pusher.readTarget(connector, forest: forestState)
                    if reading.missing {
                        state = .missing
                    } else if let fingerprint = reading.fingerprint {
                        version = reading.version
                        if fingerprint == forestState.currentFingerprint {
                            state = .current
                            version = forestState.currentVersion
                        } else {
                            state = version == nil ? .unknown : .stale
                        }
                    }
                } catch {
                    state = .unreadable
                    targetError = error.description
                }
            }
            let hasRestart = connector.restartArgv != nil
            var restartPending = false
            if hasRestart, let last, last.wroteTarget, !last.restartSucceeded {
                restartPending = true
            }
            if hasRestart, state == .current, entry.macValid,
               Pusher.decide(connector: connector, forest: forestState, target: reading, last: last, reconcile: true) == .restart {
                restartPending = true
            }
            let healthFailed = last.map { $0.state == .failed && $0.step == .health } ?? false
            result.append(ConnectorStatus(
                name: connector.name, forest: connector.forest, adapter: connector.adapter, target: connector.targetDescription,
                macValid: entry.macValid, targetState: state, targetVersion: version, targetError: targetError, lastPush: last,
                restartPending: restartPending, healthFailed: healthFailed, currentVersion: forestState.currentVersion,
                hasRestartHook: hasRestart, filePath: entry.macValid ? connector.file?.path : nil))
        }
        return result
    }

    /// What is wrong with `forest`'s connectors, each with the command that fixes it.
    /// With `logPath`, the service log is searched for `no-start-credentials` and Event ID 6000
    /// after the last healthy push.
    public func diagnose(forest rawForest: String, logPath: String? = nil) throws(CredVaultError) -> [Finding] {
        let forest = try Validation.forest(rawForest)
        let state = try forestState(forest)
        let statuses = try connectorStatuses(forest: forest)
        var findings: [Finding] = []
        let push = "credvault push \(forest)"
        if statuses.isEmpty {
            findings.append(Finding(
                kind: .noConnectors, connector: nil, message: "\(forest) has no connectors: its password is not pushed anywhere.",
                fix: "credvault connector add NAME --forest \(forest) --file PATH --format json|keyvalue --password-key KEY --restart CMD --health CMD"))
        }
        for status in statuses {
            let name = status.name
            if !status.macValid {
                findings.append(Finding(
                    kind: .tampered, connector: name,
                    message: "Connector \(name) was changed in the vault's database outside credvault (its MAC does not match): credvault refuses to push through it, because its target or commands may have been redirected.",
                    fix: "check who changed the vault, then: credvault connector remove \(name) && credvault connector add \(name) --forest \(forest) ..."))
                continue
            }
            if let file = status.filePath {
                let leftovers = FileAdapter.staleTempFiles(besides: file)
                if !leftovers.isEmpty {
                    findings.append(Finding(
                        kind: .leftoverTempFiles, connector: name,
                        message: "An interrupted push left \(leftovers.count) temp file\(leftovers.count == 1 ? "" : "s") beside \(file) (\(leftovers.joined(separator: ", "))); they hold a password.",
                        fix: "\(push)   (removes them), or delete them"))
                }
            }
            switch status.targetState {
            case .missing:
                findings.append(Finding(
                    kind: .missingTarget, connector: name,
                    message: "Connector \(name)'s target file is missing (\(status.target)): the service has no password file to read.",
                    fix: "restore the file (or re-add the connector with the right --file), then: \(push)"))
                continue
            case .unreadable:
                findings.append(Finding(
                    kind: .unreadableTarget, connector: name,
                    message: "Connector \(name)'s target cannot be read: \(status.targetError ?? "unknown error").",
                    fix: "fix the file so it parses and holds its key, then: \(push)"))
                continue
            case .stale:
                findings.append(Finding(
                    kind: .stale, connector: name,
                    message: "Connector \(name) holds a stale password: version \(status.targetVersion.map(String.init) ?? "?"), but the vault's current version is \(status.currentVersion).",
                    fix: push))
            case .unknown:
                findings.append(Finding(
                    kind: .unknown, connector: name,
                    message: status.adapter == .exec && status.lastPush == nil
                        ? "Connector \(name) has never been pushed."
                        : "Connector \(name) holds a password that matches no version in the vault (someone set it by hand).",
                    fix: status.adapter == .exec && status.lastPush == nil
                        ? push
                        : "if that password is the one the directory has, store it: credvault set \(forest) --account \(shellQuote(state.account)) --stdin; otherwise: \(push)"))
            case .current, .unverified:
                break
            }
            if status.restartPending {
                let failed = status.lastPush.map { $0.state == .failed && $0.step == .restart } ?? false
                findings.append(Finding(
                    kind: failed ? .restartFailed : .restartPending, connector: name,
                    message: (failed
                        ? "The password was written to \(name) but its restart failed (\(status.lastPush?.error ?? "no detail")): "
                        : "The password was written to \(name) but the service was not restarted: ")
                        + "it still has the old password in memory and will fail with no-start-credentials.",
                    fix: "\(push)   (runs only the restart and health check)"))
            } else if status.healthFailed && status.targetState == .current {
                findings.append(Finding(
                    kind: .healthFailed, connector: name,
                    message: "Connector \(name)'s service was restarted with version \(status.lastPush?.version ?? 0) but its health check failed: \(status.lastPush?.error ?? "no detail").",
                    fix: "look at the service, then: \(push)   (re-runs the restart and health check; add --rollback-on-failure to go back)"))
            }
        }
        if let logPath {
            findings += try scanLog(logPath, forest: forest, account: state.account)
        }
        if findings.isEmpty {
            findings.append(Finding(
                kind: .ok, connector: nil,
                message: statuses.count == 1
                    ? "Connector \(statuses[0].name) of \(forest) holds version \(state.currentVersion) and its last push succeeded."
                    : "All \(statuses.count) connectors of \(forest) hold version \(state.currentVersion) and their last push succeeded.",
                fix: nil))
        }
        return findings
    }

    /// Lines of the service log (as text) showing the seed symptoms after the last healthy push.
    func scanLog(_ path: String, forest: String, account: String) throws(CredVaultError) -> [Finding] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .missing(.log(path: path))
        }
        let text = String(decoding: data, as: UTF8.self)
        let lastHealthy = try lastHealthyPush(forest: forest).flatMap(Timestamp.parse)
        var lastDated: Double?
        var hits: [(line: Int, symptom: String)] = []
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let lineText = String(line)
            if let stamp = LogScanner.timestamp(in: lineText) { lastDated = stamp }
            guard let symptom = LogScanner.symptom(in: lineText) else { continue }
            // A line without a time of its own takes the time of the last dated line before it.
            if let lastHealthy {
                if let when = lastDated {
                    guard when > lastHealthy else { continue }
                } else {
                    // Nothing in the log is dated: go by the file's modification time.
                    var info = stat()
                    guard stat(path, &info) == 0, Double(info.st_mtim.tv_sec) > lastHealthy else { continue }
                }
            }
            hits.append((index + 1, symptom))
        }
        guard let first = hits.first, let lastHit = hits.last else { return [] }
        let since = lastHealthy.map { " after the last healthy push (\(Timestamp.format(seconds: Int($0))))" } ?? " (no push was ever healthy)"
        let lines = hits.count == 1 ? "line \(first.line)" : "\(hits.count) lines, \(first.line) to \(lastHit.line)"
        return [Finding(
            kind: .directoryAhead, connector: nil,
            message: "The service log \(path) shows \(first.symptom) (\(lines))\(since): the service's credentials are invalid, which means the directory holds a password that the vault does not.",
            fix: "store the directory's password: credvault set \(forest) --account \(shellQuote(account)) --stdin   then: credvault push \(forest)")]
    }

    func shellQuote(_ text: String) -> String {
        CommandLineSplitter.quote(text)
    }
}

/// Reads service log lines as text: the two seed symptoms and a leading timestamp.
enum LogScanner {
    static func symptom(in line: String) -> String? {
        let lower = line.lowercased()
        if lower.contains("no-start-credentials") { return "no-start-credentials" }
        // "Event ID 6000", "EventID: 6000", "event id=6000"
        var search = lower[...]
        while let range = search.range(of: "event") {
            var rest = search[range.upperBound...].drop { $0 == " " || $0 == "_" || $0 == "-" }
            if rest.hasPrefix("id") {
                rest = rest.dropFirst(2).drop { $0 == " " || $0 == ":" || $0 == "=" || $0 == "#" }
                if rest.hasPrefix("6000") && !(rest.dropFirst(4).first?.isNumber ?? false) { return "Event ID 6000" }
            }
            search = search[range.upperBound...]
        }
        return nil
    }

    /// The first `YYYY-MM-DD[T ]hh:mm:ss[.fff][Z|±hh:mm]` in the line, as epoch seconds (UTC when no zone).
    static func timestamp(in line: String) -> Double? {
        let bytes = Array(line.utf8.prefix(200))
        guard bytes.count >= 19 else { return nil }
        func digit(_ i: Int) -> Bool { i < bytes.count && bytes[i] >= 48 && bytes[i] <= 57 }
        for start in 0...(bytes.count - 19) {
            let pattern = [0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18]
            guard pattern.allSatisfy({ digit(start + $0) }), bytes[start + 4] == 45, bytes[start + 7] == 45,
                  bytes[start + 10] == 84 || bytes[start + 10] == 32, bytes[start + 13] == 58, bytes[start + 16] == 58 else { continue }
            var end = start + 19
            if end < bytes.count && bytes[end] == 46 {
                end += 1
                while digit(end) { end += 1 }
            }
            var zone = "Z"
            if end < bytes.count && (bytes[end] == 90 || bytes[end] == 122) {
                end += 1
            } else if end + 6 <= bytes.count && (bytes[end] == 43 || bytes[end] == 45) && digit(end + 1) && digit(end + 2) && bytes[end + 3] == 58 {
                zone = String(decoding: bytes[end..<(end + 6)], as: UTF8.self)
                end += 6
            }
            var text = String(decoding: bytes[start..<min(end, bytes.count)], as: UTF8.self)
            text = text.replacingOccurrences(of: " ", with: "T")
            if text.hasSuffix("Z") || text.hasSuffix("z") || zone != "Z" {
                if zone != "Z" { return Timestamp.parse(text) }
                return Timestamp.parse(text)
            }
            return Timestamp.parse(text + zone)
        }
        return nil
    }
}

import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// What `doctor` finds wrong with a forest's connectors, each finding with what fixes it
/// (the CLI words it as a command). Reads through `StatusReader` (and so through the push's probe and planner).
public struct Doctor {
    let vault: Vault

    public init(vault: Vault) {
        self.vault = vault
    }

    /// What is wrong with `forest`'s connectors. With `logPath`, the service log is searched
    /// for `no-start-credentials` and Event ID 6000 after the last healthy push.
    public func diagnose(forest rawForest: String, logPath: String? = nil) throws(CredVaultError) -> [Finding] {
        let forest = try Validation.forest(rawForest)
        let state = try vault.forestState(forest)
        let statuses = try StatusReader(vault: vault).connectors(forest: forest)
        var findings: [Finding] = []
        if statuses.isEmpty {
            findings.append(Finding(
                kind: .noConnectors, connector: nil, message: "\(forest) has no connectors: its password is not pushed anywhere.",
                remedy: .addConnector(forest: forest)))
        }
        for status in statuses {
            findings += Doctor.findings(for: status, forest: forest, account: state.account)
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
                remedy: nil))
        }
        if let overdue = try overdueFinding(forest: forest) { findings.append(overdue) }
        return findings
    }

    /// The finding for a password older than its maximum age (`credvault policy`), if it is.
    func overdueFinding(forest: String) throws(CredVaultError) -> Finding? {
        let age = try vault.passwordAge(forest: forest)
        guard age.overdue, let limit = age.maxSeconds else { return nil }
        return Finding(
            kind: .passwordOverdue, connector: nil,
            message: "The password of \(forest) is \(AgeText.short(age.seconds)) old (since \(age.since)); the maximum is "
                + "\(AgeText.limit(limit)): overdue by \(AgeText.short(age.overdueBySeconds)).",
            remedy: .rotate(forest: forest))
    }

    /// Everything wrong with one connector, in the order a person fixes it.
    static func findings(for status: ConnectorStatus, forest: String, account: String) -> [Finding] {
        let name = status.name
        guard status.macValid else {
            return [Finding(
                kind: .tampered, connector: name,
                message: "Connector \(name) was changed in the vault's database outside credvault (its MAC does not match): credvault refuses to push through it, because its target or commands may have been redirected.",
                remedy: .readdConnector(connector: name, forest: forest))]
        }
        var findings: [Finding] = []
        if let file = status.filePath {
            let leftovers = FileAdapter.staleTempFiles(besides: file)
            if !leftovers.isEmpty {
                findings.append(Finding(
                    kind: .leftoverTempFiles, connector: name,
                    message: "An interrupted push left \(leftovers.count) temp file\(leftovers.count == 1 ? "" : "s") beside \(file) (\(leftovers.joined(separator: ", "))); they hold a password.",
                    remedy: .pushRemovingTempFiles(forest: forest)))
            }
        }
        if let target = targetFinding(status, forest: forest, account: account) {
            findings.append(target)
            // Without a readable target there is nothing to restart yet.
            if target.kind == .missingTarget || target.kind == .unreadableTarget { return findings }
        }
        let restart = restartFinding(status, forest: forest)
        if let restart { findings.append(restart) }
        if let pause = status.pause { findings.append(pausedFinding(status, pause, forest: forest, restartPending: restart != nil)) }
        return findings
    }

    /// A service credvault holds paused runs no sync: after a failed restart a push restarts and
    /// resumes it; otherwise it only needs its resume.
    private static func pausedFinding(_ status: ConnectorStatus, _ pause: PauseRecord, forest: String, restartPending: Bool) -> Finding {
        let resumeFailed = pause.error.map { " Its last resume failed: \($0)." } ?? ""
        return Finding(
            kind: .paused, connector: status.name,
            message: "Connector \(status.name)'s service has been paused by credvault since \(pause.since) (by \(pause.cause.rawValue)): it runs no sync.\(resumeFailed)",
            remedy: restartPending ? .push(forest: forest) : .resume(connector: status.name))
    }

    /// What is wrong with what the target holds, if anything.
    private static func targetFinding(_ status: ConnectorStatus, forest: String, account: String) -> Finding? {
        let name = status.name
        switch status.targetState {
        case .missing:
            return Finding(
                kind: .missingTarget, connector: name,
                message: "Connector \(name)'s target file is missing (\(status.target)): the service has no password file to read.",
                remedy: .restoreTargetThenPush(forest: forest))
        case .unreadable:
            return Finding(
                kind: .unreadableTarget, connector: name,
                message: "Connector \(name)'s target cannot be read: \(status.targetError ?? "unknown error").",
                remedy: .repairTargetThenPush(forest: forest))
        case .stale:
            return Finding(
                kind: .stale, connector: name,
                message: "Connector \(name) holds a stale password: version \(status.targetVersion.map(String.init) ?? "?"), but the vault's current version is \(status.currentVersion).",
                remedy: .push(forest: forest))
        case .unknown:
            let neverPushed = status.adapter == .exec && status.lastPush == nil
            return Finding(
                kind: .unknown, connector: name,
                message: neverPushed
                    ? "Connector \(name) has never been pushed."
                    : "Connector \(name) holds a password that matches no version in the vault (someone set it by hand).",
                remedy: neverPushed ? .push(forest: forest) : .storeTargetPasswordOrPush(forest: forest, account: account))
        case .current, .unverified:
            return nil
        }
    }

    /// A restart left pending or failed, or a failed health check.
    private static func restartFinding(_ status: ConnectorStatus, forest: String) -> Finding? {
        let name = status.name
        if status.restartPending {
            let failed = status.lastPush.map { $0.state == .failed && $0.step == .restart } ?? false
            return Finding(
                kind: failed ? .restartFailed : .restartPending, connector: name,
                message: (failed
                    ? "The password was written to \(name) but its restart failed (\(status.lastPush?.error ?? "no detail")): "
                    : "The password was written to \(name) but the service was not restarted: ")
                    + "it still has the old password in memory and will fail with no-start-credentials.",
                remedy: .restartOnly(forest: forest))
        }
        if status.healthFailed && status.targetState == .current {
            return Finding(
                kind: .healthFailed, connector: name,
                message: "Connector \(name)'s service was restarted with version \(status.lastPush?.version ?? 0) but its health check failed: \(status.lastPush?.error ?? "no detail").",
                remedy: .checkServiceThenPush(forest: forest))
        }
        return nil
    }

    /// The log as text: UTF-8, or the UTF-16 (with its byte-order mark) Windows tools write.
    static func text(of data: Data) -> String {
        if data.starts(with: [0xFF, 0xFE]) || data.starts(with: [0xFE, 0xFF]) {
            return String(data: data, encoding: .utf16) ?? String(decoding: data, as: UTF8.self)
        }
        return String(decoding: data, as: UTF8.self)
    }

    /// Lines of the service log (as text) showing the seed symptoms after the last healthy push.
    func scanLog(_ path: String, forest: String, account: String) throws(CredVaultError) -> [Finding] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .missing(.log(path: path))
        }
        let text = Doctor.text(of: data)
        let lastHealthy = try vault.lastHealthyPush(forest: forest).flatMap(Timestamp.parse)
        var scan = LogScan(forest: forest, otherForests: try vault.list().map(\.forest))
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            scan.read(String(line.hasSuffix("\r") ? line.dropLast() : line), number: index + 1)
        }
        // A line without a time of its own takes the time of the last dated line before it;
        // when nothing in the log is dated, the file's modification time.
        let hits = scan.hits.filter { hit in
            guard let lastHealthy else { return true }
            if let when = hit.time { return when > lastHealthy }
            var info = stat()
            return stat(path, &info) == 0 && Double(info.st_mtim.tv_sec) > lastHealthy
        }
        guard let first = hits.first, let lastHit = hits.last else { return [] }
        let since = lastHealthy.map { " after the last healthy push (\(Timestamp.format(seconds: Int($0))))" } ?? " (no push was ever healthy)"
        let lines = hits.count == 1 ? "line \(first.line)" : "\(hits.count) lines, \(first.line) to \(lastHit.line)"
        return [Finding(
            kind: .directoryAhead, connector: nil,
            message: "The service log \(path) shows \(first.symptom) (\(lines))\(since): the service's credentials are invalid, which means the directory holds a password that the vault does not.",
            remedy: .storeDirectoryPassword(forest: forest, account: account))]
    }
}

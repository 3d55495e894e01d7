/// What keeps a connector from being in order, worst first. These are the facts behind the
/// non-zero exits of `status`, `push --all`, `doctor --all` and `check`, so that a timer or a
/// monitoring check sees a broken service in one command; the CLI picks the codes.
public enum ConnectorProblem: String, Sendable, Codable, CaseIterable, Comparable {
    /// The row failed its MAC check: nothing it names is trusted.
    case tampered
    /// The password was written but the restart hook failed.
    case restartFailed = "restart-failed"
    /// credvault holds the service paused (a push or rotation stopped before its resume, or
    /// an operator's `connector pause`): it runs no sync until it is resumed.
    case paused
    /// The service was restarted but its health check failed (or, for `check`, fails now).
    case healthFailed = "health-failed"
    /// The target does not hold the current version: stale, unknown, missing or unreadable.
    case drifted
    /// The password was written but the service was not restarted yet.
    case restartPending = "restart-pending"

    public static func < (lhs: ConnectorProblem, rhs: ConnectorProblem) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

extension ConnectorStatus {
    /// The worst thing wrong with this connector, nil when it is in order. A restart pending
    /// while a push is running is that push's own step, not a problem.
    public var problem: ConnectorProblem? {
        let lastHealth: ConnectorProblem? = healthFailed && targetState == .current ? .healthFailed : nil
        return [problemIgnoringLastHealth, lastHealth].compactMap { $0 }.min()
    }

    /// `problem` without the last push's failed health check (a check run now supersedes it).
    var problemIgnoringLastHealth: ConnectorProblem? {
        if !macValid { return .tampered }
        if restartPending, lastPush.map({ $0.state == .failed && $0.step == .restart }) ?? false { return .restartFailed }
        switch targetState {
        case .stale, .unknown, .missing, .unreadable: return .drifted
        case .current, .unverified: break
        }
        if pause != nil && !pushInProgress { return .paused }
        if restartPending && !pushInProgress { return .restartPending }
        return nil
    }
}

extension Finding {
    /// The connector problem a `doctor` finding shows, nil for one that is none (ok, no
    /// connectors, leftover temp files). A log showing the directory ahead is a drift too.
    public var problem: ConnectorProblem? {
        switch kind {
        case .tampered: return .tampered
        case .restartFailed: return .restartFailed
        case .healthFailed: return .healthFailed
        case .stale, .unknown, .missingTarget, .unreadableTarget, .directoryAhead: return .drifted
        case .restartPending: return .restartPending
        case .paused: return .paused
        case .ok, .noConnectors, .leftoverTempFiles, .passwordOverdue: return nil
        }
    }
}

import CredVault

/// The line `check` prints for one connector: the health check's result and, when the
/// connector has another problem, what it is and the command that helps.
enum CheckText {
    static func line(for result: HealthCheckResult) -> String {
        let status = result.status
        var line = "\(status.name) (\(status.forest)): "
        guard status.macValid else {
            return line + "not checked: its row was changed in the database outside credvault (see `credvault doctor \(status.forest)`)"
        }
        if let health = result.health {
            line += health.succeeded ? "healthy" : "health check failed: \(health.summary)\(tail(health))"
        } else {
            line += "no health check configured"
        }
        switch result.problem {
        case .restartFailed:
            line += "; its last restart failed (`credvault push \(status.forest)` retries it)"
        case .drifted:
            line += "; its target does not hold v\(status.currentVersion) (\(StatusCommand.holds(status)); `credvault doctor \(status.forest)` says why)"
        case .restartPending:
            line += "; a restart is pending (`credvault push \(status.forest)` runs it)"
        case .paused:
            line += "; credvault holds its service paused (`credvault connector resume \(status.name)` resumes it)"
        case .healthFailed, .tampered, nil:
            break
        }
        return line
    }

    private static func tail(_ result: HookResult) -> String {
        let tail = result.outputTail()
        return tail.isEmpty ? "" : " (\(tail))"
    }
}

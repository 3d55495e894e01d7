import CredVault
import Foundation

/// What `rotate` prints for people: the plan (dry run), or what was done, one fact a line.
enum RotationSummary {
    static func lines(_ report: RotationReport, dryRun: Bool) -> [String] {
        var lines: [String] = []
        if let plan = report.plan, dryRun {
            lines.append("[dry run] would rotate \(plan.forest) (\(plan.mode == .reset ? "reset as \(plan.rotatorAccount ?? "?")" : "self change")) for \(plan.accountDN):")
            lines.append("  change on \(plan.firstURL)" + (plan.otherURLs.isEmpty ? "" : ", then wait for \(plan.otherURLs.joined(separator: ", "))"))
            lines.append("  new password: " + (plan.generatedLength.map { "generated, \($0) characters" } ?? "from standard input"))
            if let policy = plan.policy { lines.append("  " + PolicyText.summary(policy)) }
            lines.append("  then push to: " + (plan.connectors.isEmpty ? "no connectors" : plan.connectors.joined(separator: ", ")))
            return lines
        }
        switch report.decision {
        case .abort?:
            lines.append("Rotation of \(report.forest) undone: the directory still holds the current password; the pending one was dropped.")
        case .finish?:
            lines.append("Rotation of \(report.forest) resumed: the directory holds the pending password.")
        case .indeterminate?, nil:
            if report.stepsDone.isEmpty && report.plan == nil { lines.append("No rotation of \(report.forest) is pending.") }
        }
        if let version = report.version {
            lines.append("Rotated \(report.forest): version \(version.version) (fingerprint \(version.fingerprint.short)) is in the directory and the vault.")
        }
        if let refused = report.oldPasswordRefused {
            lines.append(refused ? "  the old password is refused" : "  note: the directory still accepts the old password")
        }
        for replica in report.replicas {
            lines.append("  \(replica.url): accepted after \(String(format: "%.1f", replica.seconds)) s")
        }
        for push in report.pushes { lines.append("  \(push.connector): \(ErrorPresenter.message(for: push))") }
        if let paused = report.pausedBeyondLimit {
            lines.append("WARNING: the dependents of \(report.forest) were paused for \(Int(paused)) s, longer than --max-pause allows; no sync ran meanwhile")
        }
        return lines
    }
}

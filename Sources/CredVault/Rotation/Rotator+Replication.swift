import Foundation

/// Waiting for every other URL to accept the new password.
extension Rotator {
    /// Binds on each other URL with the new password until it is accepted or the deadline
    /// passes, backing off between tries (each wrong bind counts towards the lockout
    /// threshold: at most half of it is spent per URL). Audited `rotate.replicated`.
    func replicate(
        _ forest: String, _ config: DirectoryConfig, _ password: borrowing SecureBytes, policy: DirectoryPolicy?
    ) throws(CredVaultError) -> [ReplicaAnswer] {
        let access = DirectoryAccess(config: config, timeouts: options.timeouts)
        let started = Date()
        let deadline = started.addingTimeInterval(options.replicationTimeout)
        let threshold = policy?.lockoutThreshold ?? 0
        let cap = threshold > 0 ? max(1, threshold / 2) : Int.max
        var answers: [ReplicaAnswer] = []
        for url in config.urls.dropFirst() {
            var attempts = 0
            var delay = 0.25
            var accepted = false
            while true {
                attempts += 1
                if access.outcome(url, as: config.account, password: password) == .accepted { accepted = true; break }
                let remaining = deadline.timeIntervalSinceNow
                if attempts >= cap || remaining <= 0 { break }
                Thread.sleep(forTimeInterval: min(delay, remaining))
                delay = min(delay * 2, 8)
            }
            answers.append(ReplicaAnswer(url: url, accepted: accepted, seconds: Date().timeIntervalSince(started), attempts: attempts))
        }
        let times = answers.map { "\($0.url)=\($0.accepted ? String(format: "%.1fs", $0.seconds) : "no")" }.joined(separator: " ")
        let waiting = answers.filter { !$0.accepted }.map(\.url)
        guard waiting.isEmpty else {
            try vault.recordRotationEvent(AuditEventDraft(
                action: .rotateFailed, forest: forest, outcome: .failed,
                detail: ["step": "replicate", "replicas": times, "kept": "pending"]))
            throw .rotation(.replicationTimeout(forest: forest, waiting: waiting, seconds: Int(options.replicationTimeout)))
        }
        try vault.recordRotationEvent(AuditEventDraft(
            action: .rotateReplicated, forest: forest, detail: ["replicas": answers.isEmpty ? "none" : times]))
        return answers
    }
}

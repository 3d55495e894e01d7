import CredVault

/// JSON shape of `rotate --json` (and `rotate --resume --json`, `rotate --dry-run --json`).
struct RotationJSON: Encodable {
    struct ReplicaJSON: Encodable {
        let url: String
        let accepted: Bool
        let seconds: Double
        let attempts: Int
    }

    let forest: String
    let dryRun: Bool
    let mode: String?
    let urls: [String]?
    let accountDn: String?
    let connectors: [String]?
    let policy: PolicyJSON?
    let steps: [String]
    let decision: String?
    let version: Int?
    let fingerprint: String?
    let oldPasswordRefused: Bool?
    /// Seconds the dependents stayed paused, when that was longer than --max-pause.
    let pausedBeyondLimitSeconds: Double?
    let replicas: [ReplicaJSON]
    let pushes: [PushReportJSON]

    init(_ report: RotationReport, dryRun: Bool) {
        forest = report.forest
        self.dryRun = dryRun
        mode = report.plan?.mode.rawValue
        urls = report.plan?.directory.urls
        accountDn = report.plan?.accountDN
        connectors = report.plan?.connectors
        policy = report.plan?.policy.map(PolicyJSON.init)
        steps = report.stepsDone.map(\.rawValue)
        decision = report.decision.map(RotationJSON.word)
        version = report.version?.version
        fingerprint = report.version?.fingerprint.short
        oldPasswordRefused = report.oldPasswordRefused
        pausedBeyondLimitSeconds = report.pausedBeyondLimit
        replicas = report.replicas.map { ReplicaJSON(url: $0.url, accepted: $0.accepted, seconds: $0.seconds, attempts: $0.attempts) }
        pushes = report.pushes.map { PushReportJSON($0) }
    }

    static func word(_ decision: RotationRecovery.Decision) -> String {
        switch decision {
        case .finish: return "finish"
        case .abort: return "abort"
        case .indeterminate: return "indeterminate"
        }
    }
}

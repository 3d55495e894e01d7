import ArgumentParser
import CredVault

struct ConnectorStatusJSON: Encodable {
    let name: String
    let forest: String
    let adapter: String
    let target: String
    let targetState: String
    let targetVersion: Int?
    let targetError: String?
    let currentVersion: Int
    let lastPushState: String?
    let lastPushStep: String?
    let lastPushVersion: Int?
    let lastPushKind: String?
    let lastPushAt: String?
    let lastPushError: String?
    let restartPending: Bool
    let healthFailed: Bool
    let macOk: Bool
    let role: String?
    let canPause: Bool
    let paused: Bool
    let pausedSince: String?
    let pausedBy: String?
    let resumeError: String?
    /// What is wrong (restart-failed, health-failed, drifted, restart-pending, tampered), or nil.
    let problem: String?

    init(_ status: ConnectorStatus) {
        name = status.name
        forest = status.forest
        adapter = status.adapter.rawValue
        target = status.target
        targetState = status.targetState.rawValue
        targetVersion = status.targetVersion
        targetError = status.targetError
        currentVersion = status.currentVersion
        lastPushState = status.lastPush?.state.rawValue
        lastPushStep = status.lastPush?.step.rawValue
        lastPushVersion = status.lastPush?.version
        lastPushKind = status.lastPush?.kind.rawValue
        lastPushAt = status.lastPush?.updatedAt
        lastPushError = status.lastPush?.error
        restartPending = status.restartPending
        healthFailed = status.healthFailed
        macOk = status.macValid
        role = status.role
        canPause = status.canPause
        paused = status.pause != nil
        pausedSince = status.pause?.since
        pausedBy = status.pause?.cause.rawValue
        resumeError = status.pause?.error
        problem = status.problem?.rawValue
    }
}

import Foundation
import TestSupport

/// The scheduler of the simulated sync service: a sync every few milliseconds with the
/// password read at start, paused and resumed like Azure AD Connect's ADSync scheduler, each
/// scheduled run and failure counted in the service's folder.
extension SyncSimulator {
    /// The quiesce hooks to give `credvault connector add --pause/--resume`.
    var pauseCommand: String { "\(script) pause \(state.path)" }
    var resumeCommand: String { "\(script) resume \(state.path)" }

    /// Starts the service with its scheduler running a sync every `milliseconds`; the
    /// interval holds for later starts and restarts (the restart hook) too.
    func startPolling(every milliseconds: Int) throws {
        try syncsim(["start", state.path, "--poll", String(milliseconds)])
    }

    /// Returns once no run is in progress and none will start (also across restarts).
    func pause() throws { try syncsim(["pause", state.path]) }
    func resume() throws { try syncsim(["resume", state.path]) }

    func counts() throws -> SyncRunCounts {
        try SyncRunCounts(parsing: syncsim(["counts", state.path]).stdout)
    }

    /// Polls until the scheduler has done `runs` runs since `init`; false past `deadline` s.
    func waitForRuns(_ runs: Int, deadline: Double = 30) -> Bool {
        eventually(deadline: deadline, poll: 0.1) { ((try? counts())?.runs ?? 0) >= runs }
    }

    @discardableResult
    private func syncsim(_ arguments: [String]) throws -> ProcessResult {
        let result = try Command.run("/bin/bash", [script] + arguments, timeout: 30)
        guard result.status == 0 else { throw TestFailure("syncsim \(arguments.joined(separator: " ")) failed: \(result)") }
        return result
    }
}

import Testing
import TestSupport

extension VaultSandbox {
    /// Fails the test when any process started from this folder is still alive a few seconds
    /// after everything was told to stop.
    func assertNothingLeftRunning(sourceLocation: SourceLocation = #_sourceLocation) {
        let gone = eventually(deadline: 10, poll: 0.05) { Command.processes(matching: folder.path).isEmpty }
        #expect(gone, "processes left behind: \(Command.processes(matching: folder.path))", sourceLocation: sourceLocation)
    }
}

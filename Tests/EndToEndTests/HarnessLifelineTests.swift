import Foundation
import Testing
import TestSupport

/// The new harnesses leave nothing behind: when the process holding a harness's lifeline dies
/// (here a `sleep` standing in for the test process, SIGKILLed), every server goes with it.
@Suite("E2E harness: syncrepl and sshd stop with their lifeline", .timeLimit(.minutes(2)))
struct HarnessLifelineTests {
    enum Harness: String, CaseIterable, CustomStringConvertible {
        case syncrepl, sshd
        var description: String { rawValue }
        var script: String { self == .syncrepl ? Fixtures.syncreplHarness : Fixtures.sshdHarness }
        /// What the command lines of the servers it runs from `state` contain.
        func server(_ state: URL) -> String {
            self == .syncrepl ? "slapd -f \(state.path)/" : "sshd -D -e -f \(state.path)/sshd_config"
        }
        var serverCount: Int { self == .syncrepl ? 2 : 1 }
        func ports() throws -> [String] {
            try (0..<serverCount).map { _ in String(try LDAPServer.freePort()) }
        }
    }

    @Test("every server stops when the lifeline's holder is SIGKILLed", arguments: Harness.allCases)
    func serversStopWithTheirLifeline(_ harness: Harness) throws {
        let scratch = try VaultSandbox("e2e-lifeline-\(harness)", initialize: false)
        defer { scratch.assertNothingLeftRunning() }
        let state = scratch.file(harness.rawValue)
        let owner = Process()
        owner.executableURL = URL(fileURLWithPath: "/bin/sleep")
        owner.arguments = ["300"]
        let lifeline = Pipe()
        owner.standardOutput = lifeline
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = [harness.script, state.path] + (try harness.ports())
        process.environment = ["PATH": Command.path]
        process.standardInput = lifeline
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try owner.run()
        try process.run()
        try lifeline.fileHandleForWriting.close()
        try lifeline.fileHandleForReading.close()
        // On any way out: the lifeline closes and the harness stops its servers itself
        // (SIGKILLing the harness first would orphan them).
        defer {
            kill(owner.processIdentifier, SIGKILL)
            if !eventually(deadline: 15, poll: 0.05, { !process.isRunning }) { kill(process.processIdentifier, SIGKILL) }
        }
        let servers = { Command.processes(matching: harness.server(state)) }
        let up = eventually(deadline: 30, poll: 0.05) { servers().count == harness.serverCount }
        try #require(up, "servers not started: \(servers())")

        kill(owner.processIdentifier, SIGKILL)
        owner.waitUntilExit()
        let gone = eventually(deadline: 15, poll: 0.05) { Command.processes(matching: state.path).isEmpty }
        #expect(gone, "left running: \(Command.processes(matching: state.path))")
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "the harness reports a clean stop when its lifeline closes")
    }
}

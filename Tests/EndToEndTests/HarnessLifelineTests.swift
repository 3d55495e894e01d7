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
        let run = try StandInLifeline(script: harness.script, arguments: [state.path] + harness.ports())
        defer { run.finish() }
        let servers = { Command.processes(matching: harness.server(state)) }
        let up = eventually(deadline: 30, poll: 0.05) { servers().count == harness.serverCount }
        try #require(up, "servers not started: \(servers())")

        run.killHolder()
        let gone = eventually(deadline: 15, poll: 0.05) { Command.processes(matching: state.path).isEmpty }
        #expect(gone, "left running: \(Command.processes(matching: state.path))")
        run.finish()
        #expect(run.harness.terminationStatus == 0, "the harness reports a clean stop when its lifeline closes")
    }
}

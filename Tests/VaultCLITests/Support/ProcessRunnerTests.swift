import Foundation
import Testing
import TestSupport

/// The runner every CLI and end-to-end test stands on. A leak here once crashed CI: each run
/// kept two pipe fds, and past ~1,300 open fds Foundation's Process.run reads beyond its
/// /proc/self/fd buffer and dies with SIGSEGV.
@Suite("ProcessRunner")
struct ProcessRunnerTests {
    @Test("many runs leave the test process's open file descriptors where they were")
    func runsDoNotLeakDescriptors() throws {
        let runs = 500
        let before = try openDescriptorCount()
        for _ in 0..<runs {
            let result = try ProcessRunner.run("/bin/echo", ["hello"], stdin: Data("x".utf8))
            #expect(result.status == 0 && result.stdout == "hello\n")
        }
        let grown = try openDescriptorCount() - before
        // The old leak (two fds a run) shows as +1,000. Tests running in parallel hold a few
        // fds per child in flight, one child per core: far below the half-leak line.
        #expect(grown < runs, "open fds grew by \(grown) over \(runs) runs")
    }

    private func openDescriptorCount() throws -> Int {
        try FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd").count
    }
}

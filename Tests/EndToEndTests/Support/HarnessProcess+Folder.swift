import Foundation
import TestSupport

/// The end-to-end harnesses' convention: the state folder is the first argument, the harness
/// records its process groups in `harness.pids` there, and its logs sit there too.
extension HarnessProcess {
    /// Starts `/bin/bash script folder arguments…` with only PATH and LANG in its environment.
    convenience init(script: String, folder: URL, arguments: [String]) throws {
        let pidFile = folder.appendingPathComponent("harness.pids")
        try self.init(
            script: script, arguments: [folder.path] + arguments,
            environment: ["PATH": Command.path, "LANG": "C.UTF-8"],
            stragglers: {
                let pids = (try? String(contentsOf: pidFile, encoding: .utf8)) ?? ""
                return pids.split(separator: "\n").compactMap { Int32($0) }.flatMap { [-$0, $0] }
            })
    }

    /// Returns once `ready` holds; throws (after stopping everything) when the harness exits
    /// first or `deadline` seconds pass, with the end of each of `logs` (files in `folder`).
    func waitUntilReady(in folder: URL, deadline: Double, logs: [String], _ ready: () -> Bool) throws {
        let came = eventually(deadline: deadline, poll: 0.05) { !isRunning || ready() }
        guard came, isRunning else {
            let tails = logs.map { name in
                let text = (try? String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)) ?? ""
                return "\(name): \(text.suffix(1500))"
            }
            stop()
            throw TestFailure("\(folder.lastPathComponent) did not come up:\n\(tails.joined(separator: "\n"))")
        }
    }
}

import Foundation

/// Polls `condition` every `poll` seconds until it holds or `deadline` seconds pass, and says
/// whether it held: tests wait for a state with a deadline instead of sleeping a fixed time.
/// The condition is checked once more after the deadline, so a slow machine only costs time.
public func eventually(
    deadline seconds: Double = 10, poll interval: Double = 0.02, _ condition: () throws -> Bool
) rethrows -> Bool {
    let deadline = Date().addingTimeInterval(seconds)
    while true {
        if try condition() { return true }
        if Date() > deadline { return false }
        Thread.sleep(forTimeInterval: interval)
    }
}

/// `eventually` for async tests: waits with `Task.sleep`, so the tasks the test waits for
/// (a hook's watchdog, say) keep a thread of the small cooperative pool to run on.
public func waitUntil(
    deadline seconds: Double = 10, poll interval: Double = 0.02, _ condition: () throws -> Bool
) async rethrows -> Bool {
    let deadline = Date().addingTimeInterval(seconds)
    while true {
        if try condition() { return true }
        if Date() > deadline { return false }
        try? await Task.sleep(for: .seconds(interval))
    }
}

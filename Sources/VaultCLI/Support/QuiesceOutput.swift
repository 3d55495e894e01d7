import CredVault

/// How `connector pause` and `connector resume` print the steps they ran.
enum QuiesceOutput {
    /// One line per step on stdout (a failed one on stderr), with the hook's output tail.
    static func print(_ steps: [QuiesceStep]) {
        for step in steps {
            let verb = step.action == .pause ? "paused" : "resumed"
            if step.ok {
                let note = step.wasRecorded ? "" : " (it was not recorded as paused)"
                Terminal.write("\(verb) \(step.connector)\(note): \(step.detail)\n")
            } else {
                Terminal.printNote("\(step.connector): \(step.action.rawValue) failed: \(step.detail)")
            }
        }
    }
}

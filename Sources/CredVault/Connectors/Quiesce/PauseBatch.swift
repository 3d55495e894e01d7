/// What pausing every dependent of a forest did. When one pause failed, every service this
/// batch had paused (and the one that failed) was resumed again: `paused` is then empty and
/// nothing stays paused on the batch's account.
public struct PauseBatch: Sendable {
    public let forest: String
    /// The connectors paused now, in the order they were paused.
    public internal(set) var paused: [String] = []
    /// Connectors of the forest without a pause hook: they keep syncing through the change.
    public internal(set) var withoutHooks: [String] = []
    /// Every pause and resume that ran, in order.
    public internal(set) var steps: [QuiesceStep] = []
    /// The pause that failed, when one did.
    public internal(set) var failure: QuiesceStep?

    public var succeeded: Bool { failure == nil }

    /// Resumes run after the failure that could not resume their service: those stay paused.
    public var stillPaused: [String] {
        guard failure != nil else { return paused }
        return steps.filter { $0.action == .resume && !$0.ok }.map(\.connector)
    }
}

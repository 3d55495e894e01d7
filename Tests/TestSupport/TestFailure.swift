/// The one error the test kit and the tests throw when a fixture cannot be set up or a step
/// they depend on did not do what it must (a failed `credvault init`, a missing JSON object).
public struct TestFailure: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}

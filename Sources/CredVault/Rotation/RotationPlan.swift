import Foundation

/// What a rotation will do, as the preflight found it: nothing in it is secret.
public struct RotationPlan: Sendable {
    public let forest: String
    public let directory: DirectoryConfig
    /// The DN the change goes to, as the directory returned it.
    public let accountDN: String
    public let baseVersion: Int
    public let policy: DirectoryPolicy?
    /// Every dependent and how the preflight found it (skipped ones included).
    public let readiness: ReadinessReport
    /// The connectors but those skipped, by name: each is pushed after the commit.
    public var connectors: [String] { readiness.connectors.filter { !$0.skipped }.map(\.connector) }
    /// The rotator account (reset mode).
    public let rotatorAccount: String?
    /// How long the generated password is (nil with --stdin).
    public let generatedLength: Int?

    public var mode: RotationMode { directory.mode }
    public var firstURL: String { directory.urls[0] }
    public var otherURLs: [String] { Array(directory.urls.dropFirst()) }

    /// How long a generated password is: 32, or the domain's minimum when longer.
    static func generatedLength(for policy: DirectoryPolicy?) -> Int {
        min(PasswordGenerator.lengthRange.upperBound, max(PasswordGenerator.defaultLength, policy?.minimumLength ?? 0))
    }
}

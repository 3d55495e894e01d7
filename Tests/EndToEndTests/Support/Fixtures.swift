import Foundation

/// Where the fixtures live: Tests/Fixtures in the source tree this file was built from.
enum Fixtures {
    static let root: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // Support
        .deletingLastPathComponent()  // EndToEndTests
        .deletingLastPathComponent()  // Tests
        .appendingPathComponent("Fixtures")
    static var slapdHarness: String { root.appendingPathComponent("ldap/slapd-harness.sh").path }
    static var syncsim: String { root.appendingPathComponent("syncsim/syncsim").path }
}

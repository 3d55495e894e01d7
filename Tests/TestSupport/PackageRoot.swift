import Foundation

/// The package's root folder (where Package.swift is), for tests that run the repository's
/// scripts or read its committed files. Derived from this file's own place, so a test file
/// can move between folders without counting `..`s.
public let packageRoot: URL = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent()  // TestSupport
    .deletingLastPathComponent()  // Tests
    .deletingLastPathComponent()

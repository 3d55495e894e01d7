import Foundation
import Testing
import TestSupport

/// `rotate` of a forest the vault does not hold names the missing forest first, not the
/// directory it could not have (a review finding on issue 13).
@Suite("rotate names an unknown forest before its directory")
struct RotateUnknownForestTests {
    @Test("rotate nosuch.com: exit 66, one line naming the forest; a known forest without a directory names the directory")
    func unknownForest() throws {
        let vault = try VaultSandbox()
        try vault.set("known.example", password: "Rotate-Order-1")
        for arguments in [["rotate", "nosuch.com"], ["rotate", "nosuch.com", "--dry-run"]] {
            let result = try vault.run(arguments)
            #expect(result.status == 66, "\(arguments): \(result)")
            #expect(result.stderrLines.count == 1, "\(result.stderr)")
            #expect(result.stderr.contains("no forest nosuch.com"), "\(result.stderr)")
            #expect(!result.stderr.contains("directory"), "\(result.stderr)")
        }
        let known = try vault.run(["rotate", "known.example", "--dry-run"])
        #expect(known.status == 66, "\(known)")
        #expect(known.stderr.contains("no directory is set for forest known.example"), "\(known.stderr)")
    }
}
